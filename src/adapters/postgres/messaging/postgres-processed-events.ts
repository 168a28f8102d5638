import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ProcessedEvents } from '#application/messaging/processed-events.ts';
import { transactionalEntityManager } from '../entity-manager.ts';

export class PostgresProcessedEvents implements ProcessedEvents {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async markProcessed(consumer: string, eventId: string): Promise<boolean> {
    // A concurrent duplicate blocks on the primary key until the first commits, then conflicts.
    const rows = await transactionalEntityManager(this.em).execute(
      'insert into processed_events (consumer, event_id) values (?, ?) on conflict do nothing returning event_id',
      [consumer, eventId],
    );
    return rows.length === 1;
  }
}
