import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { projectRoot } from '../../support/rookery-process.ts';

/** `rookery credentials:purge` as the Helm chart's CronJob runs it (a child process against PostgreSQL). */
describe('rookery credentials:purge', () => {
  let db: TestDatabase;
  let dataDir: string;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-cli-'));
    await query(
      `insert into users (id, email, handle, display_name, created_at, updated_at)
       values ('01930000-0000-7000-8000-000000000001', 'ops@example.com', 'ops_person', 'Ops', now(), now())`,
    );
    // Expired three days ago, expired an hour ago (still inside the day of grace), valid.
    await query(
      `insert into refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at) values
       ('01930000-0000-7000-8000-0000000000a1', '01930000-0000-7000-8000-0000000000f1', '01930000-0000-7000-8000-000000000001', repeat('a', 64), now() - interval '40 days', now() - interval '3 days'),
       ('01930000-0000-7000-8000-0000000000a2', '01930000-0000-7000-8000-0000000000f1', '01930000-0000-7000-8000-000000000001', repeat('b', 64), now() - interval '30 days', now() - interval '1 hour'),
       ('01930000-0000-7000-8000-0000000000a3', '01930000-0000-7000-8000-0000000000f1', '01930000-0000-7000-8000-000000000001', repeat('c', 64), now(), now() + interval '30 days')`,
    );
  });
  afterAll(async () => {
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const rookery = (...args: string[]) =>
    spawnSync(path.join(projectRoot, 'node_modules/.bin/node'), ['src/bootstrap/cli.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('deletes what expired more than a day ago, prints the counts, and exits 0', async () => {
    const run = rookery('credentials:purge');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ refreshTokens: 1, ssoCodes: 0, verificationLinks: 0 });
    const left = await query('select token_hash from refresh_tokens order by token_hash');
    expect(left.map((r: { token_hash: string }) => r.token_hash[0])).toEqual(['b', 'c']);
  });
});
