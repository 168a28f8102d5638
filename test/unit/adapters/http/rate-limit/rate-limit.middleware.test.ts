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
    expect(blocked.headers).toMatchObject({ 'RateLimit-Policy': '"a";q=3;w=60', RateLimit: '"a";r=0;t=60' });
    await expect(limit(context('10.0.0.2').ctx, next)).resolves.toBeUndefined();
  });

  it('advertises the policy and what is left of it on every answer (draft-ietf-httpapi-ratelimit-headers-10)', async () => {
    const limit = rateLimiting(new RateLimiterStore(null))({
      name: 'b',
      points: 5,
      durationSeconds: 10,
      by: 'ip',
    });
    const first = context('10.0.0.1');
    await limit(first.ctx, next);
    expect(first.headers).toEqual({ 'RateLimit-Policy': '"b";q=5;w=10', RateLimit: '"b";r=4;t=10' });
  });

  it('lists every policy a request was counted against, so a client sees which one runs out', async () => {
    const store = new RateLimiterStore(null);
    const wide = rateLimiting(store)({ name: 'wide', points: 100, durationSeconds: 60, by: 'ip' });
    const narrow = rateLimiting(store)({ name: 'narrow', points: 2, durationSeconds: 10, by: 'ip' });
    const answer = context('10.0.0.1');
    await wide(answer.ctx, () => narrow(answer.ctx, next));
    expect(answer.headers).toEqual({
      'RateLimit-Policy': '"wide";q=100;w=60, "narrow";q=2;w=10',
      RateLimit: '"wide";r=99;t=60, "narrow";r=1;t=10',
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
