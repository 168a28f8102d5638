import type { EventEnvelope } from '#domain/shared/domain-event.ts';

/** An event leaving the outbox, with the W3C trace headers of the span that publishes it. */
export interface OutgoingEvent {
  envelope: EventEnvelope;
  headers: Record<string, string>;
}

export type PublishOutcome = { eventId: string; ok: true } | { eventId: string; ok: false; error: string };

/**
 * Where the outbox relay hands events over: RabbitMQ or the embedded bus. An event counts
 * as published only when the transport has taken responsibility for it — confirmed by the
 * broker and routed to at least one queue; anything else is a failure the relay retries.
 */
export interface EventTransport {
  publish(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]>;
  /** Called after the relay committed the batch it published (the embedded bus wakes its consumers then). */
  committed?(): void;
}
