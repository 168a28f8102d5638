import type { Counter, Registry } from 'prom-client';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { counter } from '../../telemetry/metrics.ts';
import type { Redis } from '../../redis/redis-client.ts';

export interface LimiterOptions {
  /** Names the counter (and its keys); limiters with one name share counts across routes. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Where rate-limit counters live: Redis when configured (shared by every replica, keys
 * under the client's prefix, `rl:<name>:…`), process memory otherwise. If Redis fails, a
 * per-process memory limiter takes over rather than letting every request through.
 */
export class RateLimiterStore {
  private readonly redis: Redis | null;
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private readonly refusals?: Counter<'limiter'>;

  constructor(redis: Redis | null, metrics?: Registry) {
    this.redis = redis;
    this.refusals =
      metrics &&
      counter(metrics, {
        name: 'rate_limited_requests_total',
        help: 'Requests refused with 429, by limiter name.',
        labelNames: ['limiter'] as const,
      });
  }

  /** Counts a refusal (the limiter name is a fixed route-level name, never a user or address). */
  refused(name: string): void {
    this.refusals?.inc({ limiter: name });
  }

  get kind(): 'redis' | 'memory' {
    return this.redis ? 'redis' : 'memory';
  }

  limiter(options: LimiterOptions): RateLimiterAbstract {
    const id = `${options.name}/${options.points}/${options.durationSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const common = {
        keyPrefix: `rl:${options.name}`,
        points: options.points,
        duration: options.durationSeconds,
      };
      const memory = new RateLimiterMemory(common);
      limiter = this.redis
        ? new RateLimiterRedis({
            ...common,
            storeClient: this.redis,
            insuranceLimiter: memory,
            // While Redis reconnects, go straight to the memory limiter instead of a failing round trip.
            rejectIfRedisNotReady: true,
          })
        : memory;
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
