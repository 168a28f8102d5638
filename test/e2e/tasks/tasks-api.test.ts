import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { bootModes } from '../../support/booted-modes.ts';
import { aUser } from '../../support/builders/user.builder.ts';
import { until } from '../../support/event-backbone.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { testConfig } from '../../support/test-config.ts';

interface TaskJson {
  id: string;
  title: string;
  done: boolean;
  created_at: string;
  done_at: string | null;
}

for (const [mode, prepare] of bootModes) {
  describe(`the tasks API, booted ${mode}`, () => {
    let rookery: RunningRookery;
    let dataDir: string;
    let drop: () => Promise<void>;
    let alice: Record<string, string>;
    let bob: Record<string, string>;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-tasks-'));
      const prepared = await prepare();
      drop = prepared.drop;
      rookery = await startRookery(['api', 'worker'], {
        config: testConfig({ DATA_DIR: dataDir, MIGRATE_ON_START: 'true', ...prepared.env }),
      });
      const headersFor = async () => {
        const user = aUser();
        await rookery.container
          .get<UnitOfWork>(UnitOfWork)
          .transaction(() => rookery.container.get<UserRepository>(UserRepository).add(user));
        const { token } = await rookery.container.get<JwtAccessTokens>(Tokens.AccessTokens).issue(user.id);
        return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      };
      [alice, bob] = [await headersFor(), await headersFor()];
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

    const call = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${rookery.url}/api/v1/tasks${url}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const create = async (title: string, headers = alice) =>
      (await (await call('POST', '', headers, { title })).json()) as TaskJson;

    it('requires an access token on every route', async () => {
      const noToken = { 'content-type': 'application/json' };
      const badToken = { ...noToken, authorization: 'Bearer not.a.jwt' };
      const id = '00000000-0000-7000-8000-000000000001';
      for (const headers of [noToken, badToken]) {
        for (const [method, url] of [
          ['GET', ''],
          ['POST', ''],
          ['PATCH', `/${id}`],
          ['DELETE', `/${id}`],
        ] as const) {
          const response = await call(
            method,
            url,
            headers,
            method === 'POST' || method === 'PATCH' ? { title: 'x' } : undefined,
          );
          expect(response.status).toBe(401);
          expect(((await response.json()) as { code: string }).code).toBe('auth.invalid_token');
        }
      }
    });

    it('creates, lists, renames, completes, reopens and deletes a task', async () => {
      const response = await call('POST', '', alice, { title: '  Water the plants  ' });
      expect(response.status).toBe(201);
      const task = (await response.json()) as TaskJson;
      expect(task).toEqual({
        id: expect.any(String),
        title: 'Water the plants',
        done: false,
        created_at: expect.any(String),
        done_at: null,
      });
      expect(response.headers.get('location')).toBe(`/api/v1/tasks/${task.id}`);

      const listed = (await (await call('GET', '', alice)).json()) as { items: TaskJson[] };
      expect(listed.items.map((t) => t.id)).toContain(task.id);

      const renamed = (await (
        await call('PATCH', `/${task.id}`, alice, { title: 'Water the cactus' })
      ).json()) as TaskJson;
      expect(renamed).toMatchObject({ title: 'Water the cactus', done: false });
      const done = (await (await call('PATCH', `/${task.id}`, alice, { done: true })).json()) as TaskJson;
      expect(done.done).toBe(true);
      expect(Date.parse(done.done_at!)).toBeGreaterThanOrEqual(Date.parse(task.created_at));
      const reopened = (await (
        await call('PATCH', `/${task.id}`, alice, { done: false })
      ).json()) as TaskJson;
      expect(reopened).toMatchObject({ done: false, done_at: null });

      expect((await call('DELETE', `/${task.id}`, alice)).status).toBe(204);
      expect((await call('PATCH', `/${task.id}`, alice, { done: true })).status).toBe(404);
      expect((await call('DELETE', `/${task.id}`, alice)).status).toBe(404);
    });

    it("answers another user's task with 404 and never lists it", async () => {
      const task = await create('Private');
      for (const response of [
        await call('PATCH', `/${task.id}`, bob, { done: true }),
        await call('DELETE', `/${task.id}`, bob),
      ]) {
        expect(response.status).toBe(404);
        expect(((await response.json()) as { code: string }).code).toBe('task.not_found');
      }
      const bobs = (await (await call('GET', '?limit=100', bob)).json()) as { items: TaskJson[] };
      expect(bobs.items.map((t) => t.id)).not.toContain(task.id);
      const again = (await (await call('GET', '?limit=100', alice)).json()) as { items: TaskJson[] };
      expect(again.items.find((t) => t.id === task.id)).toMatchObject({ done: false });
    });

    it('rejects invalid input with problem details', async () => {
      const cases: [string, string, Record<string, string>, unknown, number, string][] = [
        ['POST', '', alice, { title: '' }, 400, 'task.title_invalid'],
        ['POST', '', alice, { title: 'x'.repeat(201) }, 400, 'task.title_invalid'],
        ['POST', '', alice, { title: 'ok', owner: 'someone' }, 400, 'request.invalid'],
        ['PATCH', '/not-a-uuid', alice, { done: true }, 400, 'request.invalid'],
        ['PATCH', '/00000000-0000-7000-8000-000000000001', alice, {}, 400, 'request.invalid'],
        ['GET', '?limit=101', alice, undefined, 400, 'request.invalid'],
        ['GET', '?done=maybe', alice, undefined, 400, 'request.invalid'],
        ['GET', '?cursor=garbage', alice, undefined, 400, 'request.invalid'],
      ];
      for (const [method, url, headers, body, status, code] of cases) {
        const response = await call(method, url, headers, body);
        expect([method, url, response.status]).toEqual([method, url, status]);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(((await response.json()) as { code: string }).code).toBe(code);
      }
    });

    it('pages through every task exactly once, newest first, filtered by done', async () => {
      const user = { ...bob };
      const created: TaskJson[] = [];
      for (let i = 0; i < 45; i++) created.push(await create(`task ${i}`, user));
      for (const task of created.filter((_, i) => i % 3 === 0))
        await call('PATCH', `/${task.id}`, user, { done: true });
      const walk = async (query: string) => {
        const seen: TaskJson[] = [];
        let cursor: string | null = null;
        do {
          const page = (await (
            await call('GET', `?limit=20${query}${cursor ? `&cursor=${cursor}` : ''}`, user)
          ).json()) as { items: TaskJson[]; next_cursor: string | null };
          seen.push(...page.items);
          cursor = page.next_cursor;
        } while (cursor);
        return seen.filter((t) => created.some((c) => c.id === t.id));
      };
      const all = await walk('');
      expect(all.map((t) => t.title)).toEqual([...created].reverse().map((t) => t.title));
      expect((await walk('&done=true')).map((t) => t.title)).toEqual(
        created
          .filter((_, i) => i % 3 === 0)
          .reverse()
          .map((t) => t.title),
      );
      expect(await walk('&done=false')).toHaveLength(30);
    });

    it('creates once per Idempotency-Key and replays the first response', async () => {
      const headers = { ...alice, 'idempotency-key': `task-${Date.now()}` };
      const first = await call('POST', '', headers, { title: 'Only once' });
      const second = await call('POST', '', headers, { title: 'Only once' });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const [a, b] = [(await first.json()) as TaskJson, (await second.json()) as TaskJson];
      expect(b).toEqual(a);
      const list = (await (await call('GET', '?limit=100', alice)).json()) as { items: TaskJson[] };
      expect(list.items.filter((t) => t.title === 'Only once')).toHaveLength(1);
      expect((await call('POST', '', headers, { title: 'Something else' })).status).toBe(422);
    });

    it('publishes task.created and task.completed through the outbox to the consumers', async () => {
      const count = async (type: string) => {
        const [row] = await rookery.infra.orm.em
          .fork()
          .execute<{ n: string }[]>(
            `select coalesce(sum(count), 0) as n from activity_hourly where event_type = ?`,
            [type],
          );
        return Number(row!.n);
      };
      const [created] = await rookery.infra.orm.em
        .fork()
        .execute<{ n: string }[]>('select count(*) as n from tasks');
      const tasksEver = Number(created!.n) + 1; // + the one deleted in the CRUD case
      expect(
        await until(
          () => count('task.created'),
          (n) => n >= tasksEver,
          15_000,
        ),
      ).toBe(tasksEver);
      // once in the CRUD case (completing again would not count), 15 in the paging case
      expect(
        await until(
          () => count('task.completed'),
          (n) => n >= 16,
          15_000,
        ),
      ).toBe(16);
      const [pending] = await rookery.infra.orm.em
        .fork()
        .execute<{ n: string }[]>(
          "select count(*) as n from outbox where published_at is null and type like 'task.%'",
        );
      expect(Number(pending!.n)).toBe(0);
    });

    it('documents the routes in the OpenAPI description', async () => {
      const document = (await (await fetch(`${rookery.url}/api/docs/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      expect(Object.keys(document.paths['/api/v1/tasks']!).sort()).toEqual(['get', 'post']);
      expect(Object.keys(document.paths['/api/v1/tasks/{id}']!).sort()).toEqual(['delete', 'patch']);
    });
  });
}
