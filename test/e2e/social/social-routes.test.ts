import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AccessTokenIssuer } from '#application/identity/access-token-issuer.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import type { User } from '#domain/users/user.entity.ts';
import { aUser } from '../../support/builders/user.builder.ts';
import { until } from '../../support/event-backbone.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { services } from '../../support/services.ts';
import { testConfig } from '../../support/test-config.ts';

const modes = [
  ['embedded (PGlite, embedded bus)', async () => ({ env: {}, drop: async () => {} })],
  [
    'full (PostgreSQL, RabbitMQ)',
    async () => {
      const db = await createTestDatabase();
      return {
        env: {
          DATABASE_URL: db.url,
          AMQP_URL: services.amqpUrl,
          AMQP_NAMESPACE: `e2e-${randomUUID().slice(0, 8)}`,
        },
        drop: () => db.drop(),
      };
    },
  ],
] as const;

type Json = Record<string, unknown>;

for (const [mode, prepare] of modes) {
  describe(`social routes on a booted api + worker, ${mode}`, () => {
    let rookery: RunningRookery;
    let dataDir: string;
    let drop: () => Promise<void>;
    let ada: { user: User; auth: Record<string, string> };
    let bob: { user: User; auth: Record<string, string> };

    async function member() {
      const user = aUser();
      const uow = rookery.container.get<UnitOfWork>(UnitOfWork);
      await uow.transaction(() => rookery.container.get<UserRepository>(UserRepository).add(user));
      const { token } = await rookery.container.get<AccessTokenIssuer>(AccessTokenIssuer).issue(user.id);
      return { user, auth: { Authorization: `Bearer ${token}` } };
    }
    const call = async (
      method: string,
      route: string,
      auth: Record<string, string> = {},
      body?: unknown,
      headers = {},
    ) => {
      const response = await fetch(`${rookery.url}${route}`, {
        method,
        headers: {
          ...auth,
          ...headers,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: (text ? JSON.parse(text) : null) as Json,
      };
    };

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-social-'));
      const prepared = await prepare();
      drop = prepared.drop;
      rookery = await startRookery(['api', 'worker'], {
        config: testConfig({ DATA_DIR: dataDir, MIGRATE_ON_START: 'true', ...prepared.env }),
      });
      [ada, bob] = [await member(), await member()];
    }, 60_000);
    afterAll(async () => {
      const consumers = rookery?.container.get<DeadLetterStore>(DeadLetterStore).consumers ?? [];
      await rookery?.stop();
      const amqp = rookery?.config.amqp;
      if (amqp)
        await deleteRabbitNamespace(amqp.url, amqp.namespace, consumers, rookery.config.events.retryDelaysMs);
      await drop?.();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('posts, shows, likes and unlikes a post', async () => {
      const created = await call('POST', '/api/v1/posts', ada.auth, { text: '  Hello, Rookery 🐦  ' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        text: 'Hello, Rookery 🐦',
        author_id: ada.user.id,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      const id = created.body.id as string;
      expect(created.headers.get('Location')).toBe(`/api/v1/posts/${id}`);

      for (let i = 0; i < 2; i++)
        expect((await call('PUT', `/api/v1/posts/${id}/like`, bob.auth)).status).toBe(204);
      expect((await call('GET', `/api/v1/posts/${id}`, bob.auth)).body).toEqual({
        id,
        text: 'Hello, Rookery 🐦',
        created_at: created.body.created_at,
        author: {
          id: ada.user.id,
          handle: ada.user.handle,
          display_name: ada.user.displayName,
          avatar_url: null,
        },
        like_count: 1,
        liked_by_me: true,
      });
      expect((await call('GET', `/api/v1/posts/${id}`, ada.auth)).body).toMatchObject({
        like_count: 1,
        liked_by_me: false,
      });

      for (let i = 0; i < 2; i++)
        expect((await call('DELETE', `/api/v1/posts/${id}/like`, bob.auth)).status).toBe(204);
      expect((await call('GET', `/api/v1/posts/${id}`, bob.auth)).body).toMatchObject({
        like_count: 0,
        liked_by_me: false,
      });
    });

    it('follows and unfollows, with lists on both sides', async () => {
      for (let i = 0; i < 2; i++)
        expect((await call('PUT', `/api/v1/users/${ada.user.id}/follow`, bob.auth)).status).toBe(204);
      const followers = await call('GET', `/api/v1/users/${ada.user.id}/followers`, bob.auth);
      expect(followers.body).toEqual({
        items: [
          {
            id: bob.user.id,
            handle: bob.user.handle,
            display_name: bob.user.displayName,
            avatar_url: null,
            followed_at: expect.any(String),
          },
        ],
        next_cursor: null,
      });
      expect(
        ((await call('GET', `/api/v1/users/${bob.user.id}/following`, ada.auth)).body.items as Json[]).map(
          (u) => u.id,
        ),
      ).toEqual([ada.user.id]);
      const counts = await rookery.infra.orm.em
        .fork()
        .execute<{ followers_count: number }[]>('select followers_count from users where id = ?', [
          ada.user.id,
        ]);
      expect(counts[0]!.followers_count).toBe(1);

      for (let i = 0; i < 2; i++)
        expect((await call('DELETE', `/api/v1/users/${ada.user.id}/follow`, bob.auth)).status).toBe(204);
      expect((await call('GET', `/api/v1/users/${ada.user.id}/followers`, bob.auth)).body).toEqual({
        items: [],
        next_cursor: null,
      });
    });

    it("pages through a user's posts newest first with opaque cursors", async () => {
      const carol = await member();
      const texts = Array.from({ length: 5 }, (_, i) => `post ${i}`);
      for (const text of texts) await call('POST', '/api/v1/posts', carol.auth, { text });
      const first = await call('GET', `/api/v1/users/${carol.user.id}/posts?limit=2`, ada.auth);
      const second = await call(
        'GET',
        `/api/v1/users/${carol.user.id}/posts?limit=2&cursor=${first.body.next_cursor}`,
        ada.auth,
      );
      const third = await call(
        'GET',
        `/api/v1/users/${carol.user.id}/posts?limit=2&cursor=${second.body.next_cursor}`,
        ada.auth,
      );
      const seen = [first, second, third].flatMap((p) => (p.body.items as Json[]).map((i) => i.text));
      expect(seen).toEqual([...texts].reverse());
      expect(third.body.next_cursor).toBeNull();
      expect((await call('GET', `/api/v1/users/${carol.user.id}/posts?limit=101`, ada.auth)).status).toBe(
        400,
      );
      expect(
        (await call('GET', `/api/v1/users/${carol.user.id}/posts?cursor=bogus`, ada.auth)).body,
      ).toMatchObject({
        code: 'request.invalid',
      });
    });

    it('replays a retried POST with the same Idempotency-Key instead of posting twice', async () => {
      const key = randomUUID();
      const first = await call(
        'POST',
        '/api/v1/posts',
        ada.auth,
        { text: 'exactly once' },
        { 'Idempotency-Key': key },
      );
      const retry = await call(
        'POST',
        '/api/v1/posts',
        ada.auth,
        { text: 'exactly once' },
        { 'Idempotency-Key': key },
      );
      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      const reused = await call(
        'POST',
        '/api/v1/posts',
        ada.auth,
        { text: 'other' },
        { 'Idempotency-Key': key },
      );
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe('idempotency.key_reused');
    });

    it('answers failures as problem+json with stable codes', async () => {
      const ghost = '0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55';
      const cases: [string, string, unknown, number, string][] = [
        ['POST', '/api/v1/posts', { text: 'x'.repeat(501) }, 400, 'post.text_too_long'],
        ['POST', '/api/v1/posts', { text: 'a\u0007b' }, 400, 'post.text_invalid_characters'],
        ['POST', '/api/v1/posts', { text: ' ' }, 400, 'post.text_empty'],
        ['POST', '/api/v1/posts', { body: 'wrong field' }, 400, 'request.invalid'],
        ['GET', `/api/v1/posts/${ghost}`, undefined, 404, 'post.not_found'],
        ['PUT', `/api/v1/posts/${ghost}/like`, undefined, 404, 'post.not_found'],
        ['PUT', `/api/v1/posts/not-a-uuid/like`, undefined, 400, 'request.invalid'],
        ['PUT', `/api/v1/users/${ghost}/follow`, undefined, 404, 'user.not_found'],
        ['PUT', `/api/v1/users/${ada.user.id}/follow`, undefined, 400, 'follow.self'],
        ['GET', `/api/v1/users/${ghost}/followers`, undefined, 404, 'user.not_found'],
        ['GET', `/api/v1/users/${ghost}/posts`, undefined, 404, 'user.not_found'],
      ];
      for (const [method, route, body, status, code] of cases) {
        const response = await call(method, route, ada.auth, body);
        expect({ route, status: response.status, code: response.body.code }).toEqual({ route, status, code });
        expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      }
      for (const [method, route] of [
        ['POST', '/api/v1/posts'],
        ['GET', `/api/v1/posts/${ghost}`],
        ['PUT', `/api/v1/users/${ada.user.id}/follow`],
        ['GET', `/api/v1/users/${ada.user.id}/followers`],
      ] as const)
        expect((await call(method, route, {}, method === 'POST' ? { text: 'x' } : undefined)).status).toBe(
          401,
        );
    });

    it('leaves other paths under /api/v1/posts to other routes', async () => {
      const popular = await call('GET', '/api/v1/posts/popular', ada.auth);
      expect(['post.not_found', 'request.invalid']).not.toContain(popular.body?.code);
    });

    it('announces every change through the outbox to the consumers', async () => {
      const types = ['post.created', 'post.liked', 'post.unliked', 'user.followed', 'user.unfollowed'];
      const counted = await until(
        async () => {
          const rows = await rookery.infra.orm.em
            .fork()
            .execute<{ event_type: string; n: string }[]>(
              'select event_type, sum(count) as n from activity_hourly group by event_type',
            );
          return Object.fromEntries(rows.map((r) => [r.event_type, Number(r.n)]));
        },
        (c) => types.every((t) => (c[t] ?? 0) > 0) && (c['post.liked'] ?? 0) === 1,
        30_000,
      );
      expect(counted).toMatchObject({
        'post.liked': 1,
        'post.unliked': 1,
        'user.followed': 1,
        'user.unfollowed': 1,
      });
      // 1 + 5 + 1 posts created above (the replayed and the rejected ones created nothing).
      expect(counted['post.created']).toBe(7);
    });

    it('documents every social route in the OpenAPI description', async () => {
      const doc = (await call('GET', '/api/docs/openapi.json')).body as {
        paths: Record<string, Record<string, Json>>;
      };
      const routes = Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
      );
      expect(routes).toEqual(
        expect.arrayContaining([
          'POST /api/v1/posts',
          'GET /api/v1/posts/{id}',
          'PUT /api/v1/posts/{id}/like',
          'DELETE /api/v1/posts/{id}/like',
          'PUT /api/v1/users/{id}/follow',
          'DELETE /api/v1/users/{id}/follow',
          'GET /api/v1/users/{id}/followers',
          'GET /api/v1/users/{id}/following',
          'GET /api/v1/users/{id}/posts',
        ]),
      );
      const createPost = doc.paths['/api/v1/posts']!.post as {
        parameters: Json[];
        responses: Record<string, unknown>;
      };
      expect(createPost.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
      );
      expect(Object.keys(createPost.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '422']));
    });
  });
}
