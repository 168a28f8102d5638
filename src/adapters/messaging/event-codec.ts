import { z } from 'zod';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import type { EventCatalog } from './event-catalog.ts';

/** A message that can never be handled as it is: dead-lettered without retries. */
export class MalformedEvent extends DomainError {
  constructor(reason: string) {
    super('event.malformed', 'invalid', `Malformed event: ${reason}`);
  }
}

export class UnknownEventType extends DomainError {
  constructor(type: string) {
    super('event.unknown_type', 'invalid', `Unknown event type "${type}".`, { type });
  }
}

/** The wire format: JSON, snake_case, ISO 8601 UTC timestamps. */
const wireEnvelope = z.object({
  event_id: z.uuid(),
  type: z.string().min(1).max(100),
  version: z.number().int().positive(),
  occurred_at: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
});

export function encodeEvent(event: EventEnvelope): Buffer {
  return Buffer.from(
    JSON.stringify({
      event_id: event.eventId,
      type: event.type,
      version: event.version,
      occurred_at: event.occurredAt.toISOString(),
      payload: event.payload,
    }),
  );
}

export function decodeEvent(body: Buffer | string, catalog: EventCatalog): EventEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    throw new MalformedEvent('not JSON');
  }
  const envelope = wireEnvelope.safeParse(json);
  if (!envelope.success) throw new MalformedEvent(describe(envelope.error));
  const schema = catalog.schemaOf(envelope.data.type);
  if (!schema) throw new UnknownEventType(envelope.data.type);
  const payload = schema.safeParse(envelope.data.payload);
  if (!payload.success) throw new MalformedEvent(`${envelope.data.type} payload: ${describe(payload.error)}`);
  return Object.freeze({
    eventId: envelope.data.event_id,
    type: envelope.data.type,
    version: envelope.data.version,
    occurredAt: new Date(envelope.data.occurred_at),
    payload: Object.freeze(payload.data),
  });
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
