import pg from 'pg';
import { migrateDatabase, openDatabase } from '#adapters/postgres/database.ts';
import { databaseUrl, RUN_PREFIX, services, TEMPLATE_DATABASE } from './services.ts';

/**
 * Once per run: drops databases left by earlier runs that are no longer running (a
 * database name carries the pid of the run that made it, so concurrent runs on one
 * machine leave each other alone) and builds this run's migrated template, which each
 * test file clones (CREATE DATABASE … TEMPLATE is a file copy, ~100 ms).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.ROOKERY_TEST_RUN) return; // another project of this run already did it
  const admin = new pg.Client({ connectionString: services.postgresAdminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'rookery\\_test\\_%'",
    );
    for (const { datname } of rows) {
      const pid = Number(/^rookery_test_(\d+)_/.exec(datname)?.[1]);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) continue;
      await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.query(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
    await admin.query(`create database "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const orm = await openDatabase({
    kind: 'postgres',
    url: databaseUrl(TEMPLATE_DATABASE),
    poolMax: 2,
    statementTimeoutMs: 30_000,
  });
  try {
    await migrateDatabase(orm);
  } finally {
    await orm.close();
  }
  process.env.ROOKERY_TEST_RUN = RUN_PREFIX;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
