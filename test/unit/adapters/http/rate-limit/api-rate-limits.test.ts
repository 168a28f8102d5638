import { describe, expect, it } from '@jest/globals';
import type { Context, Middleware } from 'koa';
import { apiRateLimits } from '#adapters/http/rate-limit/api-rate-limits.ts';
import { RateLimited } from '#adapters/http/rate-limit/rate-limited.error.ts';
import { RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';

function request(method: string, path: string, ip = '10.0.0.1') {
  const headers: Record<string, string> = {};
  const ctx = {
    method,
    path,
    ip,
    state: {} as { userId?: string },
    request: { body: {} },
    set: (k: string, v: string) => (headers[k] = v),
    response: { get: (k: string) => headers[k] ?? '' },
  };
  return { ctx: ctx as unknown as Context, headers };
}

/** Stands in for requireUser: the user named by the request. */
const signIn =
  (userId: string): Middleware =>
  async (ctx, next) => {
    ctx.state.userId = userId;
    await next();
  };

const makeSut = (overrides = {}) => apiRateLimits(new RateLimiterStore(null), 60, overrides);

async function passes(mw: Middleware, ctx: Context): Promise<boolean> {
  let reached = false;
  try {
    await mw(ctx, async () => {
      reached = true;
    });
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
  }
  return reached;
}

describe('API rate limits', () => {
  it('limit every /api request per address, whatever the route, and nothing outside /api', async () => {
    const { byAddress } = makeSut({ api: { per_ip: 3 } });
    const results = [];
    for (const path of ['/api/v1/tasks', '/api/v1/users/x/posts', '/api/v1/avatars/y', '/api/v1/tasks'])
      results.push(await passes(byAddress, request('GET', path).ctx));
    expect(results).toEqual([true, true, true, false]);
    expect(await passes(byAddress, request('GET', '/api/v1/tasks', '10.0.0.2').ctx)).toBe(true);
    expect(await passes(byAddress, request('GET', '/health').ctx)).toBe(true);
  });

  it('limit authenticated writes per user, leaving reads and other users alone', async () => {
    const limits = makeSut({ writes: { per_user: 2 } });
    const ada = limits.afterAuthentication(signIn('ada'));
    const grace = limits.afterAuthentication(signIn('grace'));
    const writes = [];
    for (let i = 0; i < 3; i++) writes.push(await passes(ada, request('POST', '/api/v1/posts').ctx));
    expect(writes).toEqual([true, true, false]);
    expect(await passes(ada, request('DELETE', '/api/v1/tasks/1').ctx)).toBe(false);
    expect(await passes(ada, request('GET', '/api/v1/tasks').ctx)).toBe(true);
    expect(await passes(grace, request('POST', '/api/v1/posts').ctx)).toBe(true);
  });

  it("apply a route group's own budget on top of the API-wide one", async () => {
    const limits = makeSut({ popular: { per_user: 1 } });
    const ada = limits.afterAuthentication(signIn('ada'));
    expect(await passes(ada, request('GET', '/api/v1/posts/popular').ctx)).toBe(true);
    expect(await passes(ada, request('GET', '/api/v1/posts/popular').ctx)).toBe(false);
    expect(await passes(ada, request('GET', '/api/v1/feed').ctx)).toBe(true);
  });

  it('advertise every group the request counted against, and refuse with the wait', async () => {
    const limits = makeSut({ feed: { per_user: 2 } });
    const ada = limits.afterAuthentication(signIn('ada'));
    const first = request('GET', '/api/v1/feed');
    await ada(first.ctx, async () => {});
    expect(first.headers).toEqual({
      'RateLimit-Policy': '"api-api-user";q=3000;w=60, "api-feed-user";q=2;w=60',
      RateLimit: '"api-api-user";r=2999;t=60, "api-feed-user";r=1;t=60',
    });
    await ada(request('GET', '/api/v1/feed').ctx, async () => {});
    const refused = request('GET', '/api/v1/feed');
    const error = await ada(refused.ctx, async () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).details.retry_after).toBeGreaterThan(55);
    expect(refused.headers).toMatchObject({
      RateLimit: '"api-api-user";r=2997;t=60, "api-feed-user";r=0;t=60',
    });
  });

  it('count a refused request only up to the group that refused it, as limits taken in turn would', async () => {
    const store = new RateLimiterStore(null);
    const { byAddress } = apiRateLimits(store, 60, { api: { per_ip: 1 }, feed: { per_ip: 5 } });
    expect(await passes(byAddress, request('GET', '/api/v1/feed').ctx)).toBe(true);
    expect(await passes(byAddress, request('GET', '/api/v1/feed').ctx)).toBe(false);
    const feed = store.limiter({ name: 'api-feed-ip', points: 5, durationSeconds: 60 });
    expect((await feed.get('ip:10.0.0.1'))?.consumedPoints).toBe(1);
  });

  it('lift a limit set to 0', async () => {
    const { byAddress } = makeSut({ api: { per_ip: 0 }, 'avatar-uploads': { per_ip: 1 } });
    expect(await passes(byAddress, request('GET', '/api/v1/tasks').ctx)).toBe(true);
    expect(await passes(byAddress, request('POST', '/api/v1/avatars').ctx)).toBe(true);
    expect(await passes(byAddress, request('POST', '/api/v1/avatars').ctx)).toBe(false);
    for (let i = 0; i < 50; i++)
      expect(await passes(byAddress, request('GET', '/api/v1/tasks').ctx)).toBe(true);
  });

  it('never run the per-user limits when authentication fails', async () => {
    const limits = makeSut({ api: { per_user: 1 } });
    const refuse: Middleware = async () => {
      throw new Error('401');
    };
    await expect(
      limits.afterAuthentication(refuse)(request('GET', '/api/v1/feed').ctx, async () => {}),
    ).rejects.toThrow('401');
  });
});
