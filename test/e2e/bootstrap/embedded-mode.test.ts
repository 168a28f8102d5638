import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { apiClient } from '../../support/identity-api.ts';
import { startRookeryProcess } from '../../support/rookery-process.ts';

const blank = {
  DATABASE_URL: '',
  REDIS_URL: '',
  AMQP_URL: '',
  S3_ENDPOINT: '',
  SMTP_URL: '',
  OTEL_EXPORTER_OTLP_ENDPOINT: '',
};

describe('npm start with no configuration (embedded mode)', () => {
  let dataDir: string;
  const account = { email: 'ada@example.com', password: 'correct horse battery', handle: 'ada_restart' };
  let postId: string;
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves /health and /ready within 30 s on PGlite and local folders, then stops cleanly on SIGTERM', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-e2e-'));
    const started = Date.now();
    const rookery = await startRookeryProcess('start', { ...blank, DATA_DIR: dataDir });
    try {
      const health = await fetch(`${rookery.url}/health`);
      expect(health.status).toBe(200);
      const ready = await fetch(`${rookery.url}/ready`);
      expect(ready.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(30_000);
      const body = (await ready.json()) as { components: Record<string, { status: string }> };
      expect(Object.keys(body.components).sort()).toEqual(['db', 'mail', 'storage']);
      expect(rookery.logs.find((l) => l.message === 'rookery started')).toMatchObject({ mode: 'embedded' });
      expect(rookery.logs.find((l) => l.message === 'database migrated')).toBeDefined();

      const call = apiClient(rookery.url);
      const registered = await call('POST', '/api/v1/auth/register', { body: account });
      expect(registered.status).toBe(201);
      const token = registered.body.access_token as string;
      const posted = await call('POST', '/api/v1/posts', {
        token,
        body: { text: 'written before a restart' },
      });
      expect(posted.status).toBe(201);
      postId = posted.body.id as string;
    } finally {
      expect(await rookery.stop('SIGTERM')).toBe(0);
    }
    expect(rookery.logs.map((l) => l.message)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['pglite']));
  }, 60_000);

  it('survives a restart with its data: the account and its post are there, nothing is migrated twice', async () => {
    const rookery = await startRookeryProcess('start', { ...blank, DATA_DIR: dataDir });
    try {
      expect((await fetch(`${rookery.url}/ready`)).status).toBe(200);
      expect(rookery.logs.find((l) => l.message === 'database migrated')).toBeUndefined();

      const call = apiClient(rookery.url);
      const session = await call('POST', '/api/v1/auth/login', {
        body: { email: account.email, password: account.password },
      });
      expect(session.status).toBe(200);
      expect(session.body.user).toMatchObject({ handle: account.handle });
      const post = await call('GET', `/api/v1/posts/${postId}`, {
        token: session.body.access_token as string,
      });
      expect(post.status).toBe(200);
      expect(post.body).toMatchObject({ id: postId, text: 'written before a restart' });
    } finally {
      expect(await rookery.stop('SIGINT')).toBe(0);
    }
  }, 60_000);
});
