import { migrateDatabase, openDatabase, type Orm } from '#adapters/postgres/database.ts';
import { createTestDatabase } from './postgres.ts';

export interface OpenedTestDatabase {
  orm: Orm;
  close(): Promise<void>;
}

/** A migrated PostgreSQL database of its own for one test file. */
export async function openPostgresForTest(): Promise<OpenedTestDatabase> {
  const database = await createTestDatabase();
  const orm = await openDatabase({
    kind: 'postgres',
    url: database.url,
    poolMax: 4,
    statementTimeoutMs: 30_000,
  });
  return {
    orm,
    close: async () => {
      await orm.close();
      await database.drop();
    },
  };
}

/** A migrated in-memory PGlite for one test file (the embedded mode's database). */
export async function openPgliteForTest(): Promise<OpenedTestDatabase> {
  const orm = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateDatabase(orm);
  return { orm, close: () => orm.close() };
}

/** Both databases Rookery runs on, for suites that must hold on each. */
export const databaseKinds = [
  ['PostgreSQL', openPostgresForTest],
  ['PGlite', openPgliteForTest],
] as const;
