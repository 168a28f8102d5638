import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import { token } from '../shared/token.ts';

/**
 * Reacts to events of some types, at least once per event. `consumer` names the handler's
 * queue and its idempotency records, so it must never change once deployed.
 *
 * `handle` runs inside a unit of work that also records the event as processed: effects
 * written through repositories commit exactly once. A handler whose effects live outside
 * PostgreSQL (Redis, SMTP) must make them idempotent itself and say how in its JSDoc.
 */
export interface EventHandler {
  readonly consumer: string;
  readonly eventTypes: readonly string[];
  handle(event: EventEnvelope): Promise<void>;
}
export const EventHandlers = token<EventHandler>('EventHandlers');
