import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedEventBus } from '#adapters/embedded-bus/embedded-event-bus.ts';
import type { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { aUser } from '../../support/builders/user.builder.ts';
import { until } from '../../support/event-backbone.ts';
import { testConfig } from '../../support/test-config.ts';

describe('dead letters over HTTP (admin only)', () => {
  let rookery: RunningRookery;
  let dataDir: string;
  let admin: string;
  let someone: string;
  const poison = randomUUID();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-dlq-'));
    rookery = await startRookery(['api', 'worker'], { config: testConfig({ DATA_DIR: dataDir }) });
    const uow = rookery.container.get<UnitOfWork>(UnitOfWork);
    const users = rookery.container.get<UserRepository>(UserRepository);
    const tokens = rookery.container.get<JwtAccessTokens>(Tokens.AccessTokens);
    const [boss, other] = [aUser(), aUser()];
    boss.promoteToAdmin(new Date());
    await uow.transaction(async () => {
      await users.add(boss);
      await users.add(other);
    });
    admin = (await tokens.issue(boss.id)).token;
    someone = (await tokens.issue(other.id)).token;
    const bus = rookery.container.get<EmbeddedEventBus>(Tokens.EventTransport);
    await bus.enqueueRaw('activity', poison, '{"this is": not an event');
  }, 60_000);
  afterAll(async () => {
    await rookery?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const call = (token: string | null, method: string, suffix = '', body?: unknown) =>
    fetch(`${rookery.url}/api/v1/admin/dead-letters/activity${suffix}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });

  it("lists a consumer's dead letters with their error", async () => {
    const listed = await until(
      async () =>
        (await (await call(admin, 'GET')).json()) as {
          total: number;
          items: { event_id: string; error: string }[];
        },
      (b) => b.total >= 1,
      20_000,
    );
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ event_id: poison, attempts: 1 });
    expect(listed.items[0]!.error).toContain('event.malformed');
  });

  it('shows one, and answers 404 problem+json for an unknown one or an unknown consumer', async () => {
    expect(await (await call(admin, 'GET', `/${poison}`)).json()).toMatchObject({ event_id: poison });
    const missing = await call(admin, 'GET', `/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('dead_letters.not_found');
    const nobody = await fetch(`${rookery.url}/api/v1/admin/dead-letters/nobody`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(((await nobody.json()) as { code: string }).code).toBe('dead_letters.unknown_consumer');
  });

  it('refuses anyone who is not an administrator', async () => {
    expect((await call(null, 'GET')).status).toBe(401);
    const forbidden = await call(someone, 'GET');
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(someone, 'DELETE')).status).toBe(403);
  });

  it('replays (a still-malformed message comes straight back) and purges', async () => {
    expect(await (await call(admin, 'POST', '/replay', { event_id: poison })).json()).toEqual({
      replayed: 1,
    });
    await until(
      async () => ((await (await call(admin, 'GET')).json()) as { total: number }).total,
      (n) => n === 1,
      20_000,
    );
    expect(await (await call(admin, 'DELETE')).json()).toEqual({ purged: 1 });
    expect(((await (await call(admin, 'GET')).json()) as { total: number }).total).toBe(0);
  });
});
