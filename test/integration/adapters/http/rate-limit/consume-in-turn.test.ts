import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';
import { openRedis, type Redis } from '#adapters/redis/redis-client.ts';
import { redisNamespace, type RedisNamespace } from '../../../../support/feed/redis-namespace.ts';
import { services } from '../../../../support/services.ts';

const limit = (name: string, points: number) => ({ name, points, durationSeconds: 60 });

/**
 * RateLimiterStore.consumeInTurn on the real Redis: several limits counted in one round
 * trip, with the semantics (and the keys) of consuming rate-limiter-flexible limiters one
 * after the other, and the memory fallback while Redis is away.
 */
describe('counting a request against several limits at once', () => {
  let ns: RedisNamespace;
  let store: RateLimiterStore;
  beforeAll(async () => {
    ns = await redisNamespace('consume-in-turn');
    store = new RateLimiterStore(ns.redis);
  });
  afterAll(() => ns.close());

  it('counts every limit in one round trip, in the counters rate-limiter-flexible reads', async () => {
    const [a, b] = [limit('in-turn-a', 5), limit('in-turn-b', 9)];
    await store.consumeInTurn([{ options: a, key: 'warm-up' }]); // loads the script
    const sent = jest.spyOn(ns.redis, 'sendCommand');
    try {
      const results = await store.consumeInTurn([
        { options: a, key: 'ip:1' },
        { options: b, key: 'ip:1' },
      ]);
      expect(sent).toHaveBeenCalledTimes(1);
      expect(results.map((r) => [r.consumedPoints, r.remainingPoints])).toEqual([
        [1, 4],
        [1, 8],
      ]);
      expect(results[0]!.msBeforeNext).toBeGreaterThan(59_000);
    } finally {
      sent.mockRestore();
    }
    expect((await store.limiter(a).get('ip:1'))?.consumedPoints).toBe(1);
    expect((await store.limiter(b).get('ip:1'))?.consumedPoints).toBe(1);
    await store.limiter(a).consume('ip:1');
    expect((await store.consumeInTurn([{ options: a, key: 'ip:1' }]))[0]!.consumedPoints).toBe(3);
  });

  it('stops at the first limit the request exceeds: later limits do not count it', async () => {
    const [tight, loose] = [limit('in-turn-tight', 1), limit('in-turn-loose', 10)];
    const both = [
      { options: tight, key: 'user:ada' },
      { options: loose, key: 'user:ada' },
    ];
    expect((await store.consumeInTurn(both)).map((r) => r.consumedPoints)).toEqual([1, 1]);
    const refused = await store.consumeInTurn(both);
    expect(refused.map((r) => r.consumedPoints)).toEqual([2]);
    expect(refused[0]!.remainingPoints).toBe(0);
    expect((await store.limiter(loose).get('user:ada'))?.consumedPoints).toBe(1);
  });

  it('counts in process memory while Redis is unreachable', async () => {
    const redis: Redis = await openRedis(services.redisUrl, ns.prefix);
    const offline = new RateLimiterStore(redis);
    redis.disconnect();
    const results = await offline.consumeInTurn([{ options: limit('in-turn-offline', 1), key: 'ip:2' }]);
    expect(results.map((r) => r.consumedPoints)).toEqual([1]);
    expect(
      (await offline.consumeInTurn([{ options: limit('in-turn-offline', 1), key: 'ip:2' }]))[0]!
        .consumedPoints,
    ).toBe(2);
  });
});
