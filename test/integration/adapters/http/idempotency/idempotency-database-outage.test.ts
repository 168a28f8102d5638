import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { closeDatabase, openDatabase, type Orm } from '#adapters/postgres/database.ts';
import { createTestDatabase, type TestDatabase } from '../../../../support/postgres.ts';
import { socialApp, type SocialApp } from '../../../../support/social-app.ts';
import { TcpProxy } from '../../../../support/tcp-proxy.ts';

/**
 * A request whose transaction fails because the database went away cannot release its
 * claim at once either (the database is still away). Once the database is back, the
 * claim must be freed within seconds, not held for the 60 s lease: the client's retry
 * with the same key runs the request.
 */
describe('an idempotency claim orphaned by a database outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let orm: Orm;
  let app: SocialApp;
  let calls = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await TcpProxy.start(database.url);
    orm = await openDatabase({
      kind: 'postgres',
      url: proxy.url(database.url),
      poolMax: 4,
      statementTimeoutMs: 30_000,
      acquireTimeoutMs: 1_000,
    });
    app = await socialApp(
      { orm, close: () => closeDatabase(orm, 1_000) },
      {
        extraRouters: ({ requireUser, idempotent, createPost }) => {
          const router = new Router();
          // The first call loses the database mid-transaction; later ones succeed.
          router.post('/test/database-dies', requireUser, idempotent, async (ctx) => {
            const post = await createPost.execute({ authorId: ctx.state.userId, text: 'once' });
            if (++calls === 1) {
              proxy.cut();
              setTimeout(() => proxy.restore(), 500);
            }
            ctx.status = 201;
            ctx.body = { id: post.id };
          });
          return [router];
        },
      },
    );
  });
  afterAll(async () => {
    await app.close();
    await closeDatabase(orm, 1_000);
    await proxy.close();
    await database.drop();
  });

  it('is released once the database is back, so the retry runs within seconds', async () => {
    const { user, auth } = await app.signedUp();
    const key = randomUUID();
    const send = () =>
      fetch(`${app.url}/test/database-dies`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({}),
      });
    const first = await send();
    expect(first.status).toBeGreaterThanOrEqual(500);
    const failedAt = Date.now();
    const statuses: number[] = [];
    for (;;) {
      const retry = await send();
      statuses.push(retry.status);
      if (retry.status === 201) break;
      // 503 while the database is away, 409 while the orphaned claim still holds the key.
      expect([409, 503]).toContain(retry.status);
      if (Date.now() - failedAt > 5_000) throw new Error(`still locked after 5 s: ${statuses.join(',')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The failed attempt left nothing behind; the retry created exactly one post.
    expect(await app.count('select count(*) as n from posts where author_id = ?', [user.id])).toBe(1);
    const replay = await send();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
  }, 20_000);
});
