/**
 * A fact an aggregate recorded: what happened, to what, and when. It has no id yet:
 * the unit of work stamps one when the fact is appended to the outbox, so aggregates
 * stay free of id generation.
 */
export interface DomainEvent<TType extends string = string, TPayload extends object = object> {
  readonly type: TType;
  readonly version: number;
  readonly occurredAt: Date;
  readonly payload: TPayload;
}

/**
 * The immutable envelope that travels between processes (JSON on the wire, snake_case).
 * `eventId` is a time-ordered UUID (v7) and the identity consumers deduplicate on.
 */
export interface EventEnvelope<
  TType extends string = string,
  TPayload extends object = object,
> extends DomainEvent<TType, TPayload> {
  readonly eventId: string;
}

export function domainEvent<TType extends string, TPayload extends object>(
  type: TType,
  payload: TPayload,
  occurredAt: Date,
  version = 1,
): DomainEvent<TType, TPayload> {
  return Object.freeze({ type, version, occurredAt, payload: Object.freeze(payload) });
}

export function envelope<TType extends string, TPayload extends object>(
  eventId: string,
  event: DomainEvent<TType, TPayload>,
): EventEnvelope<TType, TPayload> {
  return Object.freeze({ ...event, eventId });
}
