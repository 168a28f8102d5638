import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { Registry } from 'prom-client';
import { createHttpApp } from '#adapters/http/koa-app.ts';
import { rateLimiting } from '#adapters/http/rate-limit/rate-limit.middleware.ts';
import { RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';
import { openRedis, type Redis } from '#adapters/redis/redis-client.ts';
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
