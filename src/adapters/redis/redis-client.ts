import { Redis } from 'ioredis';
import type { Logger } from '../telemetry/logger.ts';

export type { Redis };

export interface RedisClientOptions {
  /** A command without an answer within this is failed (ioredis `commandTimeout`). */
  commandTimeoutMs?: number;
  logger?: Logger;
}

/**
 * One multiplexed connection per process. Reconnects forever with capped backoff; while
 * disconnected, commands fail at once instead of queueing, and a command that gets no
 * answer fails after `commandTimeoutMs`, so callers (the feed falls back to PostgreSQL)
 * and readiness see an outage within that bound rather than seconds later.
 */
export async function openRedis(
  url: string,
  keyPrefix: string,
  options: RedisClientOptions = {},
): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    ...(options.commandTimeoutMs ? { commandTimeout: options.commandTimeoutMs } : {}),
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
  });
  watchConnection(redis, options.logger);
  await redis.connect();
  return redis;
}

/**
 * Every client needs an `error` listener: without one ioredis prints "Unhandled error
 * event" to stderr, outside the JSON logs. An outage is logged once when it starts (a
 * reconnect attempt fails every ≤ 2 s) and once when it ends.
 */
export function watchConnection(redis: Redis, logger?: Logger): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger?.warn({ component: 'redis', err: error }, 'redis connection failed; retrying');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger?.info({ component: 'redis' }, 'redis connection restored');
  });
}

/**
 * Closes a client whatever state it is in. `quit()` alone fails at once on a disconnected
 * client (no offline queue) and leaves its reconnect timer running forever, which keeps a
 * stopped process alive; `disconnect()` ends the retries.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  try {
    if (redis.status === 'ready') await redis.quit();
  } catch {
    // the connection is going away either way
  } finally {
    redis.disconnect(false);
  }
}
