import { context, propagation } from '@opentelemetry/api';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { EventPublisher } from '#application/shared/event-publisher.ts';
import type { IdGenerator } from '#application/shared/id-generator.ts';
import type { DomainEvent } from '#domain/shared/domain-event.ts';
import { transactionalEntityManager } from '../entity-manager.ts';

/**
 * Appends events to the `outbox` table in the caller's transaction, with the trace
 * context of the request that caused them; the outbox relay delivers them after commit.
 */
export class PostgresOutboxEventPublisher implements EventPublisher {
  private readonly em: SqlEntityManager;
  private readonly ids: IdGenerator;

  constructor(em: SqlEntityManager, ids: IdGenerator) {
    this.em = em;
    this.ids = ids;
  }

  async publish(events: readonly DomainEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const em = transactionalEntityManager(this.em);
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    const ids = events.map(() => this.ids.next());
    const params = events.flatMap((event, i) => [
      ids[i],
      event.type,
      event.version,
      event.occurredAt,
      JSON.stringify(event.payload),
      JSON.stringify(headers),
    ]);
    const values = events.map(() => '(?, ?, ?, ?, ?::jsonb, ?::jsonb)').join(', ');
    await em.execute(
      `insert into outbox (event_id, type, version, occurred_at, payload, headers) values ${values}`,
      params,
    );
    return ids as string[];
  }
}
