import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { redisFeedCaches } from '#adapters/redis/feed/redis-feed-caches.ts';
import { openRedis, type Redis } from '#adapters/redis/redis-client.ts';
import { RedisCircuit } from '#adapters/redis/redis-circuit.ts';
import { captureLogger } from '../../../../support/capture-logger.ts';
import { anEntry } from '../../../../support/feed/feed-entries.ts';
import { flushPrefix } from '../../../../support/feed/redis-namespace.ts';
import { services } from '../../../../support/services.ts';
import { TcpProxy } from '../../../../support/tcp-proxy.ts';

/**
 * The feed's Redis caches behind the circuit, against the real Redis through a proxy the
 * test stalls (Redis keeps answering everyone else): reads answer "not cached" within the
 * command bound and then at once, updates fail (so their event is retried), and once Redis
 * answers again the circuit closes by itself and the cached data is served again.
 */
describe('the feed caches when Redis hangs', () => {
  const prefix = `test:degrading:${randomUUID().slice(0, 8)}:`;
  const { logger, lines } = captureLogger();
  let proxy: TcpProxy;
  let redis: Redis;
  let circuit: RedisCircuit;
  let caches: ReturnType<typeof redisFeedCaches>;

  beforeAll(async () => {
    proxy = await TcpProxy.start(services.redisUrl);
    redis = await openRedis(proxy.url(services.redisUrl), prefix, { commandTimeoutMs: 100, logger });
    circuit = new RedisCircuit({ timeoutMs: 200, resetMs: 500 }, logger);
    caches = redisFeedCaches(redis, circuit, {
      timelines: { size: 50, ttlSeconds: 600 },
      items: { postSeconds: 600, authorSeconds: 600, likeCountSeconds: 600 },
      popularSize: 50,
    });
  });
  afterAll(async () => {
    proxy.restore();
    circuit.shutdown();
    redis.disconnect();
    await proxy.close();
    await flushPrefix(prefix);
  });

  it('answers reads as misses, fails updates, and serves the cache again once Redis answers', async () => {
    const owner = randomUUID();
    const entries = [anEntry(2_000), anEntry(1_000)];
    const lease = await caches.feeds.lease(owner);
    expect(lease).not.toBeNull();
    expect(await caches.feeds.fill(owner, lease!, { entries, complete: true, celebrities: [] })).toBe(true);
    expect((await caches.feeds.page(owner, null, 10))?.entries).toHaveLength(2);

    proxy.stall();
    const timings: number[] = [];
    for (let i = 0; i < 12; i++) {
      const started = Date.now();
      expect(await caches.feeds.page(owner, null, 10)).toBeNull();
      expect(await caches.feeds.lease(owner)).toBeNull();
      expect((await caches.items.lookup(['p'], ['a'], owner)).liked).toBeNull();
      timings.push(Date.now() - started);
    }
    // Each call waited for the 100 ms command bound until the circuit opened; then none did.
    expect(Math.max(...timings)).toBeLessThan(1_000);
    expect(Math.max(...timings.slice(-5))).toBeLessThan(20);
    expect(circuit.state).toBe('open');
    await expect(caches.feeds.push(anEntry(3_000), [{ ownerId: owner, generation: 0 }])).rejects.toThrow();
    await expect(caches.feeds.invalidate([owner])).rejects.toThrow();

    proxy.restore();
    const restored = Date.now();
    let page = await caches.feeds.page(owner, null, 10);
    while (!page) {
      if (Date.now() - restored > 5_000) throw new Error('the circuit did not close within 5 s');
      await new Promise((r) => setTimeout(r, 50));
      page = await caches.feeds.page(owner, null, 10);
    }
    expect(page.entries.map((e) => e.postId)).toEqual(entries.map((e) => e.postId));
    expect(circuit.state).toBe('closed');
    expect(lines.some((l) => l.message === 'redis circuit opened')).toBe(true);
    expect(lines.some((l) => l.message === 'redis circuit closed')).toBe(true);
  }, 20_000);
});
