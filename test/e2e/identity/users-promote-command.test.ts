import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { projectRoot } from '../../support/rookery-process.ts';

/** `rookery users:promote <email>` as an operator runs it (a child process against PostgreSQL). */
describe('rookery users:promote', () => {
  let db: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-cli-'));
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `insert into users (id, email, handle, display_name, created_at, updated_at)
       values ('01930000-0000-7000-8000-000000000001', 'ops@example.com', 'ops_person', 'Ops', now(), now())`,
    );
    await client.end();
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

  it('makes the account an administrator and prints it', async () => {
    const run = rookery('users:promote', 'OPS@example.com');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      id: '01930000-0000-7000-8000-000000000001',
      email: 'ops@example.com',
      handle: 'ops_person',
      role: 'admin',
    });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query("select role from users where email = 'ops@example.com'");
    await client.end();
    expect(rows).toEqual([{ role: 'admin' }]);
  });

  it('fails with the error code for an unknown e-mail, and with usage without one', () => {
    const unknown = rookery('users:promote', 'nobody@example.com');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('user.not_found');
    const usage = rookery('users:promote');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: rookery users:promote <email>');
  });
});
