import type { SqlEntityManager } from '@mikro-orm/sql';
import type {
  ClaimOutcome,
  IdempotencyClaim,
  IdempotencyStore,
  StoredResponse,
} from '#application/idempotency/idempotency-store.ts';
import { transactionalEntityManager } from '../entity-manager.ts';
import { timestampOf } from '../social/sql-values.ts';

interface KeyRow {
  fingerprint: string;
  status: 'in_progress' | 'completed';
  locked_until: unknown;
  expires_at: unknown;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
}

/**
 * `idempotency_keys`, one row per (user, key). Claims run on a fork of their own, outside
 * any transaction, so a concurrent retry sees the claim at once; the response is written
 * in the command's transaction.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async claim(claim: IdempotencyClaim, attempt = 1): Promise<ClaimOutcome> {
    const em = this.autocommit('claim');
    // Inserts, or takes over a key that expired or whose same-request holder died past its lease.
    const taken = await em.execute<{ claim_token: string }[]>(
      `insert into idempotency_keys
         (user_id, key, fingerprint, status, claim_token, locked_until, created_at, expires_at)
       values (?, ?, ?, 'in_progress', ?, ?, ?, ?)
       on conflict (user_id, key) do update set
         fingerprint = excluded.fingerprint, status = 'in_progress', claim_token = excluded.claim_token,
         locked_until = excluded.locked_until, created_at = excluded.created_at, expires_at = excluded.expires_at,
         response_status = null, response_headers = null, response_body = null
       where idempotency_keys.expires_at <= excluded.created_at
          or (idempotency_keys.status = 'in_progress' and idempotency_keys.locked_until <= excluded.created_at
              and idempotency_keys.fingerprint = excluded.fingerprint)
       returning claim_token`,
      [
        claim.userId,
        claim.key,
        claim.fingerprint,
        claim.token,
        claim.lockedUntil,
        claim.now,
        claim.expiresAt,
      ],
    );
    if (taken[0]?.claim_token === claim.token) return { kind: 'claimed' };
    const [row] = await em.execute<KeyRow[]>(
      `select fingerprint, status, locked_until, expires_at, response_status, response_headers, response_body
         from idempotency_keys where user_id = ? and key = ?`,
      [claim.userId, claim.key],
    );
    // Deleted by the sweeper between the two statements: the key is free again.
    if (!row || timestampOf(row.expires_at) <= claim.now) {
      if (attempt >= 3) throw new Error(`Could not claim idempotency key after ${attempt} attempts.`);
      return this.claim(claim, attempt + 1);
    }
    if (row.fingerprint !== claim.fingerprint) return { kind: 'mismatch' };
    if (row.status === 'in_progress') return { kind: 'in_progress' };
    return {
      kind: 'completed',
      response: {
        status: row.response_status!,
        headers: row.response_headers ?? {},
        body: row.response_body,
      },
    };
  }

  async complete(userId: string, key: string, token: string, response: StoredResponse): Promise<boolean> {
    const rows = await transactionalEntityManager(this.em).execute<unknown[]>(
      `update idempotency_keys
          set status = 'completed', response_status = ?, response_headers = ?::jsonb, response_body = ?::jsonb
        where user_id = ? and key = ? and claim_token = ? and status = 'in_progress'
       returning 1`,
      [
        response.status,
        JSON.stringify(response.headers),
        JSON.stringify(response.body ?? null),
        userId,
        key,
        token,
      ],
    );
    return rows.length === 1;
  }

  async release(userId: string, key: string, token: string): Promise<void> {
    await this.autocommit('release').execute(
      `delete from idempotency_keys where user_id = ? and key = ? and claim_token = ? and status = 'in_progress'`,
      [userId, key, token],
      'run',
    );
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    const rows = await this.autocommit('deleteExpired').execute<{ n: number }[]>(
      `with expired as (
         delete from idempotency_keys where (user_id, key) in (
           select user_id, key from idempotency_keys where expires_at <= ? limit ?)
         returning 1
       )
       select count(*)::int as n from expired`,
      [now, limit],
    );
    return Number(rows[0]?.n ?? 0);
  }

  private autocommit(operation: string): SqlEntityManager {
    if ((this.em.getContext(false) as SqlEntityManager).isInTransaction()) {
      // Inside a transaction the claim would stay invisible to concurrent retries until commit.
      throw new Error(`IdempotencyStore.${operation}() must not run inside UnitOfWork.transaction().`);
    }
    return this.em.fork() as SqlEntityManager;
  }
}
