import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFeedApp, type FeedApp, type Member } from '../../support/feed/feed-app.ts';
import { advertisedQuota } from '../../support/rate-limit-headers.ts';

const PER_IP = 30;
const WRITES_PER_USER = 3;

/**
 * The API-wide limits on routes that declare none themselves (tasks here), on the real
 * Redis: authenticated writes per user, then every /api request per client address, each
 * refused with a 429 problem, Retry-After and the RateLimit-Policy/RateLimit fields of the
 * spent limit (and, with RATE_LIMIT_LEGACY_HEADERS, the 2022 draft's three headers).
 */
describe('API rate limits (full mode, counters in Redis)', () => {
  let app: FeedApp;
  let ada: Member, grace: Member;
  let apiCalls = 0;
  const call = (method: string, route: string, who?: Member, body?: unknown) => {
    apiCalls++;
    return app.call(method, route, who, body);
  };

  beforeAll(async () => {
    app = await startFeedApp('full', {
      API_RATE_LIMITS: `api.per_ip=${PER_IP},writes.per_user=${WRITES_PER_USER}`,
      RATE_LIMIT_LEGACY_HEADERS: 'true',
    });
    [ada, grace] = [await app.member(), await app.member()];
  }, 90_000);
  afterAll(() => app?.stop());

  it('refuses a user’s writes beyond their budget, not their reads nor other users’ writes', async () => {
    const created = [];
    for (let i = 0; i < WRITES_PER_USER; i++)
      created.push((await call('POST', '/api/v1/tasks', ada, { title: `task ${i}` })).status);
    expect(created).toEqual([201, 201, 201]);

    const refused = await call('POST', '/api/v1/tasks', ada, { title: 'one too many' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, code: 'request.rate_limited' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.retry_after).toBe(retryAfter);
    const writes = advertisedQuota(refused.headers, 'api-writes-user');
    expect(writes).toMatchObject({ quota: WRITES_PER_USER, window: 60, remaining: 0 });
    expect(writes.reset).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-limit')).toBe(String(WRITES_PER_USER));
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThan(0);

    expect((await call('GET', '/api/v1/tasks', ada)).status).toBe(200);
    expect((await call('POST', '/api/v1/tasks', grace, { title: 'mine' })).status).toBe(201);
    const keys = await app.rookery.infra.redis!.keys(`${app.redisPrefix}rl:api-writes-user:*`);
    expect(keys).toHaveLength(2);
  });

  it('refuses every /api request from one address beyond its budget, signed in or not', async () => {
    let answer = await call('GET', '/api/v1/tasks', grace);
    expect(answer.status).toBe(200);
    expect(advertisedQuota(answer.headers, 'api-api-ip')).toMatchObject({
      quota: PER_IP,
      remaining: PER_IP - apiCalls,
    });
    while (answer.status === 200 && apiCalls <= PER_IP) answer = await call('GET', '/api/v1/tasks', grace);
    expect(apiCalls).toBe(PER_IP + 1);
    expect(answer.status).toBe(429);
    expect(answer.body.code).toBe('request.rate_limited');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(advertisedQuota(answer.headers, 'api-api-ip')).toMatchObject({ quota: PER_IP, remaining: 0 });
    expect(answer.headers.get('ratelimit-limit')).toBe(String(PER_IP));
    expect(answer.headers.get('ratelimit-remaining')).toBe('0');

    // The address is spent for everyone behind it, before authentication; outside /api is not limited.
    expect((await call('GET', '/api/v1/feed', ada)).status).toBe(429);
    expect((await call('GET', '/api/v1/posts/popular')).status).toBe(429);
    expect((await fetch(`${app.rookery.url}/health`)).status).toBe(200);
  });
});
