import type { SqlEntityManager } from '@mikro-orm/sql';
import { encodeEvent } from '../messaging/event-codec.ts';
import type { EventTransport, OutgoingEvent, PublishOutcome } from '../messaging/event-transport.ts';

/** Which consumer takes which event types: the embedded bus's bindings. */
export type Subscriptions = ReadonlyMap<string, readonly string[]>;

/**
 * The event transport when no broker is configured: each event becomes one row per
 * subscribed consumer in `bus_deliveries`, written in the relay's own transaction, so
 * marking the outbox row published and queueing its deliveries commit together and
 * survive restarts. Same contract as RabbitMQ: an event no consumer takes is a failure.
 */
export class EmbeddedEventBus implements EventTransport {
  private readonly em: SqlEntityManager;
  private readonly consumersByType = new Map<string, string[]>();
  private readonly listeners = new Set<() => void>();

  constructor(em: SqlEntityManager, subscriptions: Subscriptions) {
    this.em = em;
    for (const [consumer, types] of subscriptions) {
      for (const type of types)
        this.consumersByType.set(type, [...(this.consumersByType.get(type) ?? []), consumer]);
    }
  }

  async publish(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    const outcomes: PublishOutcome[] = [];
    const rows: [string, string, string][] = [];
    for (const { envelope, headers } of events) {
      const consumers = this.consumersByType.get(envelope.type) ?? [];
      if (consumers.length === 0) {
        outcomes.push({
          eventId: envelope.eventId,
          ok: false,
          error: `unroutable: no consumer takes ${envelope.type}`,
        });
        continue;
      }
      const message = JSON.stringify({ body: encodeEvent(envelope).toString('utf8'), headers });
      for (const consumer of consumers) rows.push([consumer, envelope.eventId, message]);
      outcomes.push({ eventId: envelope.eventId, ok: true });
    }
    if (rows.length > 0) {
      await this.em.execute(
        `insert into bus_deliveries (consumer, event_id, message) values ${rows.map(() => '(?, ?, ?::jsonb)').join(', ')}`,
        rows.flat(),
      );
    }
    return outcomes;
  }

  /** The rows are visible now: consumers in this process look at once; others at their next poll. */
  committed(): void {
    this.wakeConsumers();
  }

  /** Delivers raw bytes to one consumer, bypassing encoding (tests of malformed messages). */
  async enqueueRaw(consumer: string, eventId: string, body: string): Promise<void> {
    await this.em
      .fork()
      .execute('insert into bus_deliveries (consumer, event_id, message) values (?, ?, ?::jsonb)', [
        consumer,
        eventId,
        JSON.stringify({ body, headers: {} }),
      ]);
    this.wakeConsumers();
  }

  wakeConsumers(): void {
    this.listeners.forEach((wake) => wake());
  }

  onPublished(wake: () => void): () => void {
    this.listeners.add(wake);
    return () => this.listeners.delete(wake);
  }
}
