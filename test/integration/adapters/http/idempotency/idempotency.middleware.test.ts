import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { requestFingerprint } from '#adapters/http/idempotency/request-fingerprint.ts';
import { databaseKinds, type OpenedTestDatabase } from '../../../../support/databases.ts';
import { FixedClock } from '../../../../support/fakes/fixed-clock.ts';
import { socialApp, type SocialApp } from '../../../../support/social-app.ts';

const HOUR = 3_600_000;

for (const [kind, open] of databaseKinds) {
  describe(`Idempotency-Key on POST /api/v1/posts, ${kind}`, () => {
    let db: OpenedTestDatabase;
    let app: SocialApp;
    const clock = new FixedClock(new Date());
    let flakyCalls = 0;

    beforeAll(async () => {
      db = await open();
      app = await socialApp(db, {
        clock,
        ttlMs: 24 * HOUR,
        sweepIntervalMs: 0,
        // Creates a post, then fails: the post must not survive, and the key must be free again.
        extraRouters: ({ requireUser, idempotent, createPost }) => {
          const router = new Router();
          router.post('/test/flaky', requireUser, idempotent, async (ctx) => {
            const post = await createPost.execute({ authorId: ctx.state.userId, text: 'flaky' });
            if (++flakyCalls === 1) throw new Error('crashed after the command');
            ctx.status = 201;
            ctx.body = { id: post.id };
          });
          return [router];
        },
      });
    });
    afterAll(async () => {
      await app.close();
      await db.close();
    });

    const post = (auth: Record<string, string>, body: unknown, key?: string) =>
      fetch(`${app.url}/api/v1/posts`, {
        method: 'POST',
        headers: {
          ...auth,
          'Content-Type': 'application/json',
          ...(key !== undefined ? { 'Idempotency-Key': key } : {}),
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const postsBy = (userId: string) =>
      app.count('select count(*) as n from posts where author_id = ?', [userId]);
    const eventsFor = (userId: string) =>
      app.count(
        "select count(*) as n from outbox where type = 'post.created' and payload->>'author_id' = ?",
        [userId],
      );

    it('without the header, every request creates a post', async () => {
      const { user, auth } = await app.signedUp();
      const [a, b] = [await post(auth, { text: 'same' }), await post(auth, { text: 'same' })];
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.headers.get('Idempotent-Replayed')).toBeNull();
      expect(await postsBy(user.id)).toBe(2);
    });

    it('replays the first response to a retry with the same key and body, and creates nothing more', async () => {
      const { user, auth } = await app.signedUp();
      const key = randomUUID();
      const first = await post(auth, { text: 'once' }, key);
      const firstBody = await first.json();
      const retry = await post(auth, { text: 'once' }, key);

      expect(first.status).toBe(201);
      expect(first.headers.get('Idempotent-Replayed')).toBeNull();
      expect(retry.status).toBe(201);
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
      expect(retry.headers.get('Location')).toBe(first.headers.get('Location'));
      expect(retry.headers.get('Content-Type')).toMatch(/^application\/json/);
      expect(await retry.json()).toEqual(firstBody);
      expect(await postsBy(user.id)).toBe(1);
      expect(await eventsFor(user.id)).toBe(1);
    });

    it('treats the same JSON written differently, and a quoted key, as the same request', async () => {
      const { user, auth } = await app.signedUp();
      const first = await post(auth, '{"text":"spaced"}', 'k-123');
      const retry = await post(auth, '{ "text" : "spaced" }', '"k-123"');
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
      expect(((await retry.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
      expect(await postsBy(user.id)).toBe(1);
    });

    it('refuses the key with a different body: 422 idempotency.key_reused, nothing created', async () => {
      const { user, auth } = await app.signedUp();
      const key = randomUUID();
      await post(auth, { text: 'original' }, key);
      const reused = await post(auth, { text: 'something else' }, key);

      expect(reused.status).toBe(422);
      expect(reused.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      expect(await reused.json()).toMatchObject({ status: 422, code: 'idempotency.key_reused' });
      expect(await postsBy(user.id)).toBe(1);
    });

    it("keeps each user's keys to themselves", async () => {
      const [ada, bob] = [await app.signedUp(), await app.signedUp()];
      const key = randomUUID();
      expect((await post(ada.auth, { text: 'ada' }, key)).status).toBe(201);
      const bobs = await post(bob.auth, { text: 'bob' }, key);
      expect(bobs.status).toBe(201);
      expect(bobs.headers.get('Idempotent-Replayed')).toBeNull();
      expect(await postsBy(bob.user.id)).toBe(1);
    });

    it('answers 400 idempotency.key_invalid to a malformed key, and creates nothing', async () => {
      const { user, auth } = await app.signedUp();
      for (const key of ['', '   ', 'has space', 'x'.repeat(256), '""', '"unterminated', 'tab\there']) {
        const response = await post(auth, { text: 'never' }, key);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ code: 'idempotency.key_invalid' });
      }
      const nonAscii = await fetch(`${app.url}/api/v1/posts`, {
        method: 'POST',
        headers: {
          ...auth,
          'Content-Type': 'application/json',
          'Idempotency-Key': Buffer.from('clé', 'latin1').toString('latin1'),
        },
        body: JSON.stringify({ text: 'never' }),
      });
      expect(nonAscii.status).toBe(400);
      expect(await postsBy(user.id)).toBe(0);
    });

    it('answers 409 while a request with the same key is still running elsewhere, with Retry-After', async () => {
      const { user, auth } = await app.signedUp();
      const key = randomUUID();
      const body = { text: 'slow' };
      const now = clock.now();
      // What another instance does when it starts this request: claim the key.
      await app.store.claim({
        userId: user.id,
        key,
        fingerprint: requestFingerprint('POST', '/api/v1/posts', body),
        token: randomUUID(),
        now,
        lockedUntil: new Date(now.getTime() + 60_000),
        expiresAt: new Date(now.getTime() + 24 * HOUR),
      });
      const retry = await post(auth, body, key);
      expect(retry.status).toBe(409);
      expect(retry.headers.get('Retry-After')).toBe('1');
      expect(await retry.json()).toMatchObject({ code: 'idempotency.request_in_progress' });
      expect(await postsBy(user.id)).toBe(0);
    });

    it('lets exactly one of many concurrent requests with the same key create the post', async () => {
      const { user, auth } = await app.signedUp();
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => post(auth, { text: 'racing' }, key)),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const ids = new Set(
        await Promise.all(
          responses.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { id: string }).id),
        ),
      );
      expect(ids.size).toBe(1);
      expect(await postsBy(user.id)).toBe(1);
      expect(await eventsFor(user.id)).toBe(1);
    });

    it('stores nothing for a failed request, so the retry runs it again (the first attempt left no post behind)', async () => {
      const { user, auth } = await app.signedUp();
      const key = randomUUID();
      const call = () =>
        fetch(`${app.url}/test/flaky`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json', 'Idempotency-Key': key },
          body: '{}',
        });
      expect((await call()).status).toBe(500);
      expect(await postsBy(user.id)).toBe(0);
      expect((await call()).status).toBe(201);
      const replay = await call();
      expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
      expect(await postsBy(user.id)).toBe(1);
      expect(flakyCalls).toBe(2);
    });

    it('does not keep a rejected request: after a 400 the key may carry a corrected request', async () => {
      const { user, auth } = await app.signedUp();
      const key = randomUUID();
      expect((await post(auth, { text: '' }, key)).status).toBe(400);
      expect((await post(auth, { text: 'fixed' }, key)).status).toBe(201);
      expect(await postsBy(user.id)).toBe(1);
    });

    it('forgets a key after its time to live, and sweeps expired keys away', async () => {
      const { user, auth } = await app.signedUp();
      const key = randomUUID();
      expect((await post(auth, { text: 'day one' }, key)).status).toBe(201);
      clock.advance(24 * HOUR + 1);
      const later = await post(auth, { text: 'day two' }, key);
      expect(later.status).toBe(201);
      expect(later.headers.get('Idempotent-Replayed')).toBeNull();
      expect(await postsBy(user.id)).toBe(2);

      clock.advance(24 * HOUR + 1);
      await post(auth, { text: 'triggers a sweep' }, randomUUID());
      const expired = async () =>
        app.count('select count(*) as n from idempotency_keys where expires_at <= ?', [clock.now()]);
      for (let i = 0; i < 50 && (await expired()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await expired()).toBe(0);
    });

    it('counts every outcome by route in idempotent_requests_total', async () => {
      const values = (await app.metrics.getSingleMetric('idempotent_requests_total')!.get()).values;
      const outcomes = new Set(
        values.filter((v) => v.labels.route === '/api/v1/posts').map((v) => v.labels.outcome),
      );
      expect([...outcomes].sort()).toEqual(['executed', 'in_progress', 'key_reused', 'replayed']);
    });
  });
}
