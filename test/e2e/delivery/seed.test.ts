import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot, startRookeryProcess, type RookeryProcess } from '../../support/rookery-process.ts';

/** `npm run seed` against a booted Rookery (embedded mode), as `task seed` runs it against the stack. */
describe('npm run seed', () => {
  let rookery: RookeryProcess;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-seed-'));
    rookery = await startRookeryProcess('start', {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      AMQP_URL: '',
      S3_ENDPOINT: '',
      SMTP_URL: '',
    });
  }, 60_000);
  afterAll(async () => {
    await rookery?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const seed = () => {
    const run = spawnSync(path.join(projectRoot, 'node_modules/.bin/node'), ['scripts/seed.ts'], {
      cwd: projectRoot,
      env: { ...process.env, NODE_OPTIONS: '', SEED_URL: rookery.url, SEED_USERS: '3', SEED_POSTS: '2' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect([run.status, run.stderr]).toEqual([0, '']);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };

  it('registers users who post and follow each other, and adds nothing when run again', async () => {
    expect(seed()).toEqual({ url: rookery.url, users: 3, createdUsers: 3, posts: 6, follows: 6 });
    expect(seed()).toEqual({ url: rookery.url, users: 3, createdUsers: 0, posts: 0, follows: 6 });

    const login = await fetch(`${rookery.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'seed-1@rookery.local', password: 'seed-password-1-local' }),
    });
    const { user, access_token } = (await login.json()) as { user: { id: string }; access_token: string };
    const profile = await fetch(`${rookery.url}/api/v1/users/${user.id}`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(await profile.json()).toEqual(expect.objectContaining({ followers_count: 2, following_count: 2 }));
  }, 60_000);
});
