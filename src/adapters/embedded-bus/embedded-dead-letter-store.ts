import type { SqlEntityManager } from '@mikro-orm/sql';
import type { DeadLetter, DeadLetterStore } from '#application/messaging/dead-letter-store.ts';

interface DeadRow {
  event_id: string;
  attempt: number;
  last_error: string | null;
  dead_lettered_at: Date | string;
  message: { body: string };
}

/** Dead letters of the embedded bus: rows of `bus_deliveries` with `dead_lettered_at` set. */
export class EmbeddedDeadLetterStore implements DeadLetterStore {
  readonly consumers: readonly string[];
  private readonly em: SqlEntityManager;
  private readonly wake: () => void;

  constructor(em: SqlEntityManager, consumers: readonly string[], wake: () => void = () => {}) {
    this.em = em;
    this.consumers = consumers;
    this.wake = wake;
  }

  async count(consumer: string): Promise<number> {
    const [row] = await this.em
      .fork()
      .execute<{ n: string | number }[]>(
        'select count(*) as n from bus_deliveries where consumer = ? and dead_lettered_at is not null',
        [consumer],
      );
    return Number(row?.n ?? 0);
  }

  async list(consumer: string, limit: number): Promise<DeadLetter[]> {
    const rows = await this.em.fork().execute<DeadRow[]>(
      `select event_id, attempt, last_error, dead_lettered_at, message from bus_deliveries
          where consumer = ? and dead_lettered_at is not null order by dead_lettered_at, id limit ?`,
      [consumer, Math.min(limit, 1_000_000)],
    );
    return rows.map((row) => ({
      consumer,
      eventId: row.event_id,
      type: typeOf(row.message.body),
      attempts: row.attempt,
      error: row.last_error ?? 'unknown',
      deadLetteredAt: new Date(row.dead_lettered_at),
      body: row.message.body,
    }));
  }

  async replay(consumer: string, eventId?: string): Promise<number> {
    const rows = await this.em.fork().execute<{ id: string }[]>(
      `update bus_deliveries set dead_lettered_at = null, attempt = 1, available_at = now(), locked_until = null
        where consumer = ? and dead_lettered_at is not null ${eventId ? 'and event_id = ?' : ''}
        returning id`,
      eventId ? [consumer, eventId] : [consumer],
    );
    if (rows.length > 0) this.wake();
    return rows.length;
  }

  async purge(consumer: string): Promise<number> {
    const rows = await this.em
      .fork()
      .execute<{ id: string }[]>(
        'delete from bus_deliveries where consumer = ? and dead_lettered_at is not null returning id',
        [consumer],
      );
    return rows.length;
  }
}

function typeOf(body: string): string | null {
  try {
    const type = (JSON.parse(body) as { type?: unknown }).type;
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}
