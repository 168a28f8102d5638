import type { SqlEntityManager } from '@mikro-orm/sql';
import type { DigestLedger } from '#application/digest/digest-ledger.ts';
import type { DigestDate } from '#domain/digest/digest-date.ts';
import { transactionalEntityManager } from '../entity-manager.ts';
import { uuidValues } from './sql-lists.ts';

const PRUNE_BATCH = 10_000;

export class PostgresDigestLedger implements DigestLedger {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async claim(date: DigestDate, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    // A concurrent run claiming the same rows waits on their keys, then skips them.
    const rows = await transactionalEntityManager(this.em).execute<{ user_id: string }[]>(
      `insert into digest_requests (digest_date, user_id, requested_at)
       select ?::date, v.id, now() from ${uuidValues(userIds)} as v(id)
       on conflict do nothing returning user_id`,
      [date.value, ...userIds],
    );
    return rows.map((r) => r.user_id);
  }

  async attachEvents(date: DigestDate, entries: readonly { userId: string; eventId: string }[]) {
    if (entries.length === 0) return;
    await transactionalEntityManager(this.em).execute(
      `update digest_requests d set event_id = v.event_id
         from (values ${entries.map(() => '(?::uuid, ?::uuid)').join(', ')}) as v(user_id, event_id)
        where d.digest_date = ?::date and d.user_id = v.user_id`,
      [...entries.flatMap((e) => [e.userId, e.eventId]), date.value],
    );
  }

  async forget(date: DigestDate): Promise<number> {
    const rows = await transactionalEntityManager(this.em).execute<{ n: number | string }[]>(
      `with gone as (delete from digest_requests where digest_date = ?::date returning 1)
       select count(*) as n from gone`,
      [date.value],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async prune(before: DigestDate): Promise<number> {
    let total = 0;
    for (;;) {
      // Small batches in their own statements: no long lock, no huge transaction.
      const rows = await this.em.fork().execute<{ event_id: string | null }[]>(
        `delete from digest_requests where (digest_date, user_id) in (
           select digest_date, user_id from digest_requests where digest_date < ?::date limit ?
         ) returning event_id`,
        [before.value, PRUNE_BATCH],
      );
      const eventIds = rows.map((r) => r.event_id).filter((id): id is string => id !== null);
      if (eventIds.length > 0) {
        await this.em
          .fork()
          .execute(
            `delete from sent_mails where event_id in (select id from ${uuidValues(eventIds)} as v(id))`,
            eventIds,
          );
      }
      total += rows.length;
      if (rows.length < PRUNE_BATCH) return total;
    }
  }
}
