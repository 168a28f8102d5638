import { mkdir } from 'node:fs/promises';
import { MikroORM, type EntitySchema } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PgliteDriver } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/sql';
import { entitySchemas } from './entity-schemas.ts';
import { migrationList } from './migrations/migration-list.ts';

/** PostgreSQL over the network, or PGlite (PostgreSQL in WASM) in a local folder or in memory. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolMax: number; statementTimeoutMs: number }
  | { kind: 'pglite'; dataDir: string | 'memory://' };

export type Orm = MikroORM<AbstractSqlDriver, SqlEntityManager>;

export interface OpenDatabaseOptions {
  /** Receives MikroORM's own diagnostics (migrations, warnings). */
  log?: (message: string) => void;
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
  const orm =
    target.kind === 'postgres'
      ? await MikroORM.init<PostgreSqlDriver>({
          ...common,
          driver: PostgreSqlDriver,
          clientUrl: target.url,
          pool: { min: 0, max: target.poolMax },
          driverOptions: { statement_timeout: target.statementTimeoutMs, application_name: 'rookery' },
        })
      : await MikroORM.init<PgliteDriver>({
          ...common,
          driver: PgliteDriver,
          dbName: 'postgres',
          // Always explicit: without a dataDir PGlite would treat dbName as a folder in the cwd.
          driverOptions: { dataDir: target.dataDir },
        });
  await orm.em.getConnection().execute('select 1');
  return orm as Orm;
}

/** Applies committed migrations that have not run yet; returns their names. */
export async function migrateDatabase(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
