import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { openRedis } from '#adapters/redis/redis-client.ts';
import { services } from '../services.ts';

export interface RedisNamespace {
  /** Key prefix of this namespace (`test:<label>:<random>:`), as REDIS_KEY_PREFIX takes it. */
  prefix: string;
  /** A client whose keys all live under the prefix. */
  redis: Redis;
  /** Deletes this namespace's keys only (never FLUSHALL: other runs share the server). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A private slice of the shared Redis for one test file. */
export async function redisNamespace(label: string): Promise<RedisNamespace> {
  const prefix = `test:${label}:${randomUUID().slice(0, 8)}:`;
  const redis = await openRedis(services.redisUrl, prefix);
  const flush = async () => {
    await flushPrefix(prefix);
  };
  return {
    prefix,
    redis,
    flush,
    async close() {
      await flush();
      await redis.quit();
    },
  };
}

/** Deletes every key under `prefix` with SCAN + UNLINK on an unprefixed connection. */
export async function flushPrefix(prefix: string): Promise<number> {
  const raw = new Redis(services.redisUrl, { lazyConnect: true });
  await raw.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await raw.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await raw.quit();
  }
  return deleted;
}
