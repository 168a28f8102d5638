import type { SqlEntityManager } from '@mikro-orm/sql';
import type { DigestRun, DigestRuns, DigestRunStatus } from '#application/digest/digest-runs.ts';
import type { DigestDate } from '#domain/digest/digest-date.ts';
import { timestampOf } from '../social/sql-values.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

interface RunRow {
  date: string;
  status: DigestRunStatus;
  cursor: string | null;
  users_processed: number | string;
  digests_requested: number | string;
  started_at: unknown;
  finished_at: unknown;
}

const SELECT = `select to_char(digest_date, 'YYYY-MM-DD') as date, status, cursor, users_processed,
                       digests_requested, started_at, finished_at
                  from digest_runs where digest_date = ?::date`;

export class PostgresDigestRuns implements DigestRuns {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async begin(date: DigestDate, at: Date): Promise<DigestRun> {
    const em = transactionalEntityManager(this.em);
    await em.execute(
      `insert into digest_runs (digest_date, status, started_at, updated_at) values (?::date, 'running', ?, ?)
       on conflict (digest_date) do nothing`,
      [date.value, at, at],
    );
    return (await this.byDate(date))!;
  }

  async byDate(date: DigestDate): Promise<DigestRun | null> {
    const [row] = await scopedEntityManager(this.em).execute<RunRow[]>(SELECT, [date.value]);
    return row ? toRun(row) : null;
  }

  async advance(date: DigestDate, cursor: string, processed: number, requested: number, at: Date) {
    await transactionalEntityManager(this.em).execute(
      `update digest_runs set cursor = ?, users_processed = users_processed + ?,
              digests_requested = digests_requested + ?, updated_at = ?
        where digest_date = ?::date`,
      [cursor, processed, requested, at, date.value],
    );
  }

  async finish(date: DigestDate, at: Date): Promise<void> {
    await transactionalEntityManager(this.em).execute(
      `update digest_runs set status = 'completed', finished_at = ?, updated_at = ?
        where digest_date = ?::date and status = 'running'`,
      [at, at, date.value],
    );
  }

  async skip(date: DigestDate, at: Date): Promise<void> {
    await transactionalEntityManager(this.em).execute(
      `insert into digest_runs (digest_date, status, started_at, updated_at, finished_at)
       values (?::date, 'skipped', ?, ?, ?)
       on conflict (digest_date) do update set status = 'skipped', finished_at = excluded.finished_at,
                                               updated_at = excluded.updated_at`,
      [date.value, at, at, at],
    );
  }

  async forget(date: DigestDate): Promise<void> {
    await transactionalEntityManager(this.em).execute('delete from digest_runs where digest_date = ?::date', [
      date.value,
    ]);
  }
}

function toRun(row: RunRow): DigestRun {
  return {
    date: row.date,
    status: row.status,
    cursor: row.cursor,
    usersProcessed: Number(row.users_processed),
    digestsRequested: Number(row.digests_requested),
    startedAt: timestampOf(row.started_at),
    finishedAt: row.finished_at === null ? null : timestampOf(row.finished_at),
  };
}
