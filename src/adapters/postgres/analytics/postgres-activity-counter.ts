import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ActivityCounter } from '#application/analytics/activity-counter.ts';
import { transactionalEntityManager } from '../entity-manager.ts';

/** Rows per (hour, type) counter; readers sum them. See the activity-shards migration. */
const SHARDS = 8;

export class PostgresActivityCounter implements ActivityCounter {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async increment(eventType: string, at: Date): Promise<void> {
    await transactionalEntityManager(this.em).execute(
      `insert into activity_hourly (hour, event_type, shard, count)
       values (date_trunc('hour', ?::timestamptz), ?, ?, 1)
       on conflict (hour, event_type, shard) do update set count = activity_hourly.count + 1`,
      [at, eventType, Math.floor(Math.random() * SHARDS)],
    );
  }
}
