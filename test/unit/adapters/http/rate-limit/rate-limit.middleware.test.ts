import { describe, expect, it } from '@jest/globals';
import type { Context } from 'koa';
import { rateLimiting } from '#adapters/http/rate-limit/rate-limit.middleware.ts';
import { RateLimited } from '#adapters/http/rate-limit/rate-limited.error.ts';
import { RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';

function context(ip: string, userId?: string) {
  const headers: Record<string, string> = {};
  const ctx = {
    ip,
    state: { userId },
    request: { body: {} },
    set: (k: string, v: string) => (headers[k] = v),
    response: { get: (k: string) => headers[k] ?? '' },
  };
  return { ctx: ctx as unknown as Context, headers };
}
const next = async () => {};

describe('rateLimit (in memory)', () => {
  it('lets `points` requests through per window and key, then answers 429 with the wait', async () => {
    const limit = rateLimiting(new RateLimiterStore(null))({
      name: 'a',
      points: 3,
      durationSeconds: 60,
      by: 'ip',
    });
    for (let i = 0; i < 3; i++) await limit(context('10.0.0.1').ctx, next);
    const blocked = context('10.0.0.1');
    const error = await limit(blocked.ctx, next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).details.retry_after).toBeGreaterThan(55);
    expect(blocked.headers).toMatchObject({ 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0' });
    await expect(limit(context('10.0.0.2').ctx, next)).resolves.toBeUndefined();
  });

  it('advertises what is left on every answer', async () => {
    const limit = rateLimiting(new RateLimiterStore(null))({
      name: 'b',
      points: 5,
      durationSeconds: 10,
      by: 'ip',
    });
    const first = context('10.0.0.1');
    await limit(first.ctx, next);
    expect(first.headers).toEqual({
      'RateLimit-Limit': '5',
      'RateLimit-Remaining': '4',
      'RateLimit-Reset': '10',
    });
  });

  it('counts per user after requireUser, per address before it', async () => {
    const limit = rateLimiting(new RateLimiterStore(null))({
      name: 'c',
      points: 1,
      durationSeconds: 60,
      by: 'user',
    });
    await limit(context('10.0.0.1', 'u1').ctx, next);
    await limit(context('10.0.0.1', 'u2').ctx, next);
    await limit(context('10.0.0.1').ctx, next);
    await expect(limit(context('10.0.0.9', 'u1').ctx, next)).rejects.toBeInstanceOf(RateLimited);
  });

  it('skips requests a custom key does not apply to', async () => {
    const limit = rateLimiting(new RateLimiterStore(null))({
      name: 'd',
      points: 1,
      durationSeconds: 60,
      by: () => undefined,
    });
    for (let i = 0; i < 5; i++) await limit(context('10.0.0.1').ctx, next);
  });
});
