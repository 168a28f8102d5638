import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { Registry } from 'prom-client';
import { authRateLimits } from '#adapters/http/identity/auth-rate-limits.ts';
import { createHttpApp } from '#adapters/http/koa-app.ts';
import { rateLimiting } from '#adapters/http/rate-limit/rate-limit.middleware.ts';
import { RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';
import { openRedis, type Redis } from '#adapters/redis/redis-client.ts';
import { InvalidRefreshToken, RefreshTokenReused } from '#domain/identity/identity.errors.ts';
import { EmailAlreadyRegistered } from '#domain/users/user.errors.ts';
import { captureLogger } from '../../../../support/capture-logger.ts';
import { serve } from '../../../../support/http.ts';
import { services } from '../../../../support/services.ts';

const prefix = `rookery-test-${randomUUID().slice(0, 8)}:`;
const connections: Redis[] = [];
const servers: Awaited<ReturnType<typeof serve>>[] = [];

/** One API replica: its own Koa app and store, sharing Redis (or not) with the others. */
async function replica(redis: Redis | null, name: string) {
  const router = new Router();
  const limit = rateLimiting(new RateLimiterStore(redis))({ name, points: 5, durationSeconds: 30, by: 'ip' });
  router.get('/limited', limit, (ctx) => {
    ctx.body = { ok: true };
  });
  const app = createHttpApp({
    logger: captureLogger().logger,
    metrics: new Registry(),
    routers: [router],
    jsonLimitKb: 1,
    trustProxy: false,
  });
  const server = await serve(app);
  servers.push(server);
  return server.url;
}

beforeAll(async () => {
  for (let i = 0; i < 2; i++) connections.push(await openRedis(services.redisUrl, prefix));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  const keys = await connections[0]!.keys(`${prefix}*`);
  if (keys.length > 0) await connections[0]!.del(...keys.map((k) => k.slice(prefix.length)));
  await Promise.all(connections.map((c) => c.quit()));
});

describe.each([
  ['Redis (shared by replicas)', () => connections],
  ['memory (one process)', () => [null, null]],
])('rate limiting over %s', (store, redisFor) => {
  it('answers the sixth request in the window with 429, Retry-After and a problem body', async () => {
    const [redis] = redisFor();
    const url = await replica(redis ?? null, `single-${store}`);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${url}/limited`)).status);
    const blocked = await fetch(`${url}/limited`);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(await blocked.json()).toMatchObject({
      status: 429,
      code: 'request.rate_limited',
      retry_after: retryAfter,
    });
  });
});

describe('rate limiting over Redis', () => {
  it('counts one budget across replicas, under the configured key prefix', async () => {
    const a = await replica(connections[0]!, 'shared');
    const b = await replica(connections[1]!, 'shared');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${i % 2 ? a : b}/limited`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await connections[0]!.keys(`${prefix}rl:shared*`)).toHaveLength(1);
  });
});

const BASE_DELAY_MS = 150;
const MAX_FAILURES = 4;

/**
 * The credential routes' real limits (`authRateLimits`) in front of stand-ins for the use
 * cases, which fail the way the real ones do: a taken e-mail, a spent or unknown token.
 */
async function credentialRoutes(redis: Redis | null, maxFailuresPerIp = 1_000) {
  const store = new RateLimiterStore(redis);
  const holders = new Map([
    ['ada-1', { userId: 'ada', familyId: 'ada-phone' }],
    ['ada-2', { userId: 'ada', familyId: 'ada-laptop' }],
    ['ada-3', { userId: 'ada', familyId: 'ada-tablet' }],
    ['ada-live', { userId: 'ada', familyId: 'ada-desktop' }],
    ['bob-live', { userId: 'bob', familyId: 'bob-phone' }],
  ]);
  const limits = authRateLimits(
    store,
    rateLimiting(store),
    {
      points: 10_000,
      windowSeconds: 60,
      maxFailedLogins: MAX_FAILURES,
      maxFailedLoginsPerIp: maxFailuresPerIp,
      maxFailedLoginsPerAccount: 100,
      knownAddressDays: 14,
      failedLoginWindowSeconds: 600,
      failedLoginDelayMs: BASE_DELAY_MS,
    },
    async (token) => holders.get(token) ?? null,
  );
  const body = (ctx: { request: { body?: unknown } }) => ctx.request.body as Record<string, string>;
  const router = new Router();
  router.post('/register', ...limits.register, (ctx) => {
    if (body(ctx).email === 'taken@example.com') throw new EmailAlreadyRegistered();
    ctx.status = 201;
  });
  router.post('/refresh', ...limits.refresh, (ctx) => {
    const token = body(ctx).refresh_token!;
    if (!token.endsWith('-live'))
      throw holders.has(token) ? new RefreshTokenReused() : new InvalidRefreshToken();
    ctx.body = { ok: true };
  });
  const app = createHttpApp({
    logger: captureLogger().logger,
    metrics: new Registry(),
    routers: [router],
    jsonLimitKb: 1,
    trustProxy: true,
  });
  const server = await serve(app);
  servers.push(server);
  return async (path: string, json: Record<string, string>, ip = '203.0.113.1') => {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(json),
    });
    return { response, ms: performance.now() - started };
  };
}

/** Counters of a limiter kept in Redis (shared by every replica), when the store is Redis. */
const redisKeys = (redis: Redis | null, limiter: string) =>
  redis ? redis.keys(`${prefix}rl:${limiter}*`) : Promise.resolve(null);

const expectRefusal = async (response: Response) => {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(500); // the failure window (600 s), not the request window
  expect(await response.json()).toMatchObject({ code: 'request.rate_limited', retry_after: retryAfter });
};

describe.each([
  ['Redis', () => connections[0]!],
  ['memory', () => null],
])('progressive delay on the credential routes, counted in %s', (_store, redisFor) => {
  it('slows down registrations of a taken e-mail from the third on, doubling, then answers 429', async () => {
    const post = await credentialRoutes(redisFor());
    const attempts = [];
    for (let i = 0; i < MAX_FAILURES; i++)
      attempts.push(await post('/register', { email: 'taken@example.com' }, `198.51.100.${i}`));
    expect(attempts.map((a) => a.response.status)).toEqual([409, 409, 409, 409]);
    // Each from another address: the delay follows the account, not only the address.
    expect(attempts[2]!.ms).toBeGreaterThanOrEqual(BASE_DELAY_MS - 5);
    expect(attempts[3]!.ms).toBeGreaterThanOrEqual(2 * BASE_DELAY_MS - 5);
    await expectRefusal((await post('/register', { email: 'taken@example.com' }, '198.51.100.99')).response);
    expect((await post('/register', { email: 'new@example.com' })).response.status).toBe(201);
    const keys = await redisKeys(redisFor(), 'auth-register-failures-account');
    if (keys) expect(keys).toHaveLength(1);
  });

  it('counts failed refreshes per (user, address) across their sign-ins, then refuses that address a live token of theirs', async () => {
    const post = await credentialRoutes(redisFor());
    const from = '192.0.2.7';
    const failures = [];
    for (const token of ['ada-1', 'ada-2', 'ada-3', 'never-issued'])
      failures.push(await post('/refresh', { refresh_token: token }, from));
    expect(failures.map((f) => f.response.status)).toEqual([401, 401, 401, 401]);
    expect(failures[2]!.ms).toBeGreaterThanOrEqual(BASE_DELAY_MS - 5);
    // One more for ada (a spent token replayed); the never-issued token counted for nobody.
    expect((await post('/refresh', { refresh_token: 'ada-1' }, from)).response.status).toBe(401);
    await expectRefusal((await post('/refresh', { refresh_token: 'ada-live' }, from)).response);
    // Ada's own device elsewhere keeps refreshing: failures from one address never lock her out.
    expect((await post('/refresh', { refresh_token: 'ada-live' }, '192.0.2.51')).response.status).toBe(200);
    expect((await post('/refresh', { refresh_token: 'bob-live' }, '192.0.2.52')).response.status).toBe(200);
    const perUser = await redisKeys(redisFor(), 'auth-refresh-failures-account');
    const pairs = perUser?.filter((k) => k.includes(':ip:'));
    if (pairs) expect(pairs.map((k) => k.split(':').slice(-3).join(':'))).toEqual([`ada:ip:${from}`]);
  });

  it('counts failed refreshes per address, whoever the tokens belong to, then refuses it', async () => {
    const post = await credentialRoutes(redisFor(), MAX_FAILURES);
    const attacker = '203.0.113.66';
    const failures = [];
    for (let i = 0; i < MAX_FAILURES; i++)
      failures.push(await post('/refresh', { refresh_token: `guess-${i}` }, attacker));
    expect(failures.map((f) => f.response.status)).toEqual([401, 401, 401, 401]);
    expect(failures[3]!.ms).toBeGreaterThanOrEqual(2 * BASE_DELAY_MS - 5);
    await expectRefusal((await post('/refresh', { refresh_token: 'bob-live' }, attacker)).response);
    expect((await post('/refresh', { refresh_token: 'bob-live' })).response.status).toBe(200);
  });
});
