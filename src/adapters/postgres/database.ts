import { mkdir } from 'node:fs/promises';
import { MikroORM, type EntitySchema } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PgliteDriver } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/sql';
import type pg from 'pg';
import { settlesWithin } from '../system/settles-within.ts';
import { entitySchemas } from './entity-schemas.ts';
import { makePoolResilient } from './resilient-pool.ts';
import { migrationList } from './migrations/migration-list.ts';

/** PostgreSQL over the network, or PGlite (PostgreSQL in WASM) in a local folder or in memory. */
export type DatabaseTarget =
  | {
      kind: 'postgres';
      url: string;
      poolMax: number;
      statementTimeoutMs: number;
      /** How long a caller waits for a pooled connection before `DatabaseUnavailable`; 5 s by default. */
      acquireTimeoutMs?: number;
      /** Names this process's sessions in `pg_stat_activity`; `rookery` by default. */
      applicationName?: string;
    }
  | { kind: 'pglite'; dataDir: string | 'memory://' };

export type Orm = MikroORM<AbstractSqlDriver, SqlEntityManager>;

/** The pool connections each ORM has lent out right now (PostgreSQL only). */
const lentConnections = new WeakMap<Orm, Set<pg.PoolClient>>();

export interface OpenDatabaseOptions {
  /** Receives MikroORM's own diagnostics (migrations, warnings). */
  log?: (message: string) => void;
  /** Receives connection failures (a backend lost, no connection in time); log them at warn. */
  warn?: (message: string) => void;
  extraEntities?: EntitySchema[];
}

/** Opens the connection (pool) and fails fast when the database does not answer. */
export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Orm> {
  if (target.kind === 'pglite' && target.dataDir !== 'memory://')
    await mkdir(target.dataDir, { recursive: true });
  const common = {
    entities: [...entitySchemas, ...(options.extraEntities ?? [])],
    extensions: [Migrator],
    migrations: {
      migrationsList: migrationList,
      tableName: 'schema_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    ...(options.log ? { logger: options.log } : {}),
  };
  const lent = new Set<pg.PoolClient>();
  const acquireTimeoutMs = target.kind === 'postgres' ? (target.acquireTimeoutMs ?? 5_000) : 0;
  const onPoolCreated = (pool: pg.Pool) => {
    makePoolResilient(pool, { acquireTimeoutMs, warn: options.warn ?? (() => {}) });
    pool.on('acquire', (client) => lent.add(client));
    pool.on('release', (_error, client) => lent.delete(client));
    pool.on('remove', (client) => lent.delete(client));
  };
  const orm =
    target.kind === 'postgres'
      ? await MikroORM.init<PostgreSqlDriver>({
          ...common,
          driver: PostgreSqlDriver,
          clientUrl: target.url,
          pool: { min: 0, max: target.poolMax },
          driverOptions: {
            statement_timeout: target.statementTimeoutMs,
            application_name: target.applicationName ?? 'rookery',
            // Bounds both the wait for a pooled connection and opening a new one.
            connectionTimeoutMillis: acquireTimeoutMs,
            // A peer that vanished without a FIN (a failed-over host) is noticed by the kernel.
            keepAlive: true,
            keepAliveInitialDelayMillis: 10_000,
            onPoolCreated,
          },
        })
      : await MikroORM.init<PgliteDriver>({
          ...common,
          driver: PgliteDriver,
          dbName: 'postgres',
          // Always explicit: without a dataDir PGlite would treat dbName as a folder in the cwd.
          driverOptions: { dataDir: target.dataDir },
        });
  await orm.em.getConnection().execute('select 1');
  lentConnections.set(orm as Orm, lent);
  return orm as Orm;
}

/**
 * Closes the pool. A PostgreSQL pool waits for every lent connection to come back, and
 * work that a shutdown cut off may never give its connection back (not even once its
 * query failed): after `forceAfterMs` those connections are ended, so their transactions
 * roll back, and taken back from that work, so the pool can close.
 */
export async function closeDatabase(orm: Orm, forceAfterMs = Infinity): Promise<void> {
  const closed = orm.close();
  if (await settlesWithin(closed, forceAfterMs)) return closed;
  // Released with an error, the pool ends the connection instead of keeping it.
  for (const client of [...(lentConnections.get(orm) ?? [])])
    client.release(new Error('connection ended at shutdown'));
  await settlesWithin(closed, 1_000);
}

/** Applies committed migrations that have not run yet; returns their names. */
export async function migrateDatabase(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
