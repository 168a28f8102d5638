import { Redis } from 'ioredis';

export type { Redis };

/**
 * One multiplexed connection per process. Reconnects forever with capped backoff; while
 * disconnected, commands fail after one attempt instead of queueing without bound, so
 * callers (and readiness) see the outage at once.
 */
export async function openRedis(url: string, keyPrefix: string): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
  });
  await redis.connect();
  return redis;
}
