import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseUrl, RUN_PREFIX, services, TEMPLATE_DATABASE } from './services.ts';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated PostgreSQL database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${RUN_PREFIX}_w${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  await admin(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin(`drop database if exists "${name}" with (force)`),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: services.postgresAdminUrl });
  await client.connect();
  try {
    // Cloning fails while another session is connected to the template; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await client.end();
  }
}
