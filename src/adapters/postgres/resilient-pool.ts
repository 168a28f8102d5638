import type pg from 'pg';
import { DatabaseUnavailable } from '#application/shared/unit-of-work.ts';

export interface ResilientPoolOptions {
  /** How long a caller waits for a connection before `DatabaseUnavailable` (pg's `connectionTimeoutMillis`). */
  acquireTimeoutMs: number;
  warn: (message: string) => void;
}

/**
 * Makes a lent connection whose backend dies go back to the pool, destroyed, at once.
 *
 * Kysely gives a transaction's connection back only after its COMMIT or ROLLBACK succeeded,
 * and MikroORM swallows the failed ROLLBACK, so a connection whose backend was terminated
 * (a failover, a restart) would stay lent forever and the pool would shrink to nothing.
 * Here the connection's own `error`/`end` releases it with the error (pg then ends and
 * forgets it and opens a fresh one for the next waiter); the holder's later release is a
 * no-op. A caller that gets no connection within the bound gets `DatabaseUnavailable`
 * (as the cause, which survives MikroORM's wrapping of driver errors) instead of waiting.
 */
export function makePoolResilient(pool: pg.Pool, options: ResilientPoolOptions): void {
  const original = pool.connect.bind(pool) as (callback?: unknown) => Promise<pg.PoolClient>;
  const connect = () => original();
  const resilientConnect = async (): Promise<pg.PoolClient> => {
    let client: pg.PoolClient;
    try {
      client = await connect();
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      options.warn(`PostgreSQL connection not acquired: ${message}`);
      const reason = /timeout/i.test(message)
        ? `no connection within ${options.acquireTimeoutMs} ms`
        : 'cannot connect';
      // The typed failure travels as the cause: MikroORM re-wraps driver errors (copying own
      // properties), which would hide a thrown DomainError itself; pg's message stays on top.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(message, { cause: new DatabaseUnavailable(reason) });
    }
    return lendOnce(client, options.warn);
  };
  // Callback callers (none in Rookery, but pg's API allows them) keep pg's own behaviour.
  pool.connect = ((callback?: unknown) =>
    typeof callback === 'function' ? original(callback) : resilientConnect()) as typeof pool.connect;
}

function lendOnce(client: pg.PoolClient, warn: (message: string) => void): pg.PoolClient {
  const release = client.release;
  let released = false;
  const giveBack = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.off('error', onDead);
    client.off('end', onEnd);
    release(error);
  };
  const onDead = (error: Error) => {
    warn(`PostgreSQL connection lost while lent, destroyed: ${error.message}`);
    giveBack(error);
  };
  const onEnd = () => onDead(new Error('connection ended'));
  client.on('error', onDead);
  client.on('end', onEnd);
  client.release = giveBack;
  return client;
}
