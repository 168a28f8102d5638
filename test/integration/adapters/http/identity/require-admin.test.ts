import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Router from '@koa/router';
import { Registry } from 'prom-client';
import { requireAdmin } from '#adapters/http/identity/require-admin.middleware.ts';
import { requireUser } from '#adapters/http/identity/require-user.middleware.ts';
import { createHttpApp } from '#adapters/http/koa-app.ts';
import { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { KeyRing } from '#adapters/identity/key-ring.ts';
import { aUser } from '../../../../support/builders/user.builder.ts';
import { captureLogger } from '../../../../support/capture-logger.ts';
import { FixedClock } from '../../../../support/fakes/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../../support/fakes/in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from '../../../../support/fakes/in-memory-user.repository.ts';
import { serve } from '../../../../support/http.ts';

describe('requireAdmin', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof serve>>;
  let tokens: JwtAccessTokens;
  const uow = new InMemoryUnitOfWork();
  const users = new InMemoryUserRepository(uow);
  const admin = aUser();
  const member = aUser();
  let reached = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rookery-admin-'));
    tokens = new JwtAccessTokens(
      await KeyRing.load(dir, { generateIfEmpty: true }),
      { issuer: 'https://r.test', audience: 'rookery', ttlSeconds: 900 },
      new FixedClock(new Date()),
    );
    admin.promoteToAdmin(new Date());
    await uow.transaction(async () => {
      await users.add(admin);
      await users.add(member);
    });
    const router = new Router();
    router.get('/admin-only', requireUser(tokens, users), requireAdmin(users), (ctx) => {
      reached++;
      ctx.body = { ok: true };
    });
    router.get('/forgot-require-user', requireAdmin(users), (ctx) => {
      ctx.body = { ok: true };
    });
    server = await serve(
      createHttpApp({
        logger: captureLogger().logger,
        metrics: new Registry(),
        routers: [router],
        jsonLimitKb: 1,
        trustProxy: false,
      }),
    );
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = async (route: string, userId?: string) => {
    const headers: Record<string, string> = userId
      ? { Authorization: `Bearer ${(await tokens.issue(userId)).token}` }
      : {};
    const response = await fetch(`${server.url}${route}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('lets an administrator through', async () => {
    expect(await get('/admin-only', admin.id)).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers 403 problem to other users and 401 without a token, before the handler', async () => {
    const before = reached;
    expect(await get('/admin-only', member.id)).toMatchObject({
      status: 403,
      body: { code: 'auth.admin_required' },
    });
    expect((await get('/admin-only')).status).toBe(401);
    expect((await get('/forgot-require-user')).status).toBe(401);
    expect(reached).toBe(before);
  });

  it('takes a demotion into account at once (the role is read per request, not from the token)', async () => {
    const demoted = aUser();
    demoted.promoteToAdmin(new Date());
    await uow.transaction(() => users.add(demoted));
    expect((await get('/admin-only', demoted.id)).status).toBe(200);
    Object.assign(demoted, { role: 'user' });
    expect((await get('/admin-only', demoted.id)).status).toBe(403);
  });
});
