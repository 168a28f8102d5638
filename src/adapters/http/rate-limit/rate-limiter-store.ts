import type { Counter, Registry } from 'prom-client';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { LuaScript } from '../../redis/lua-script.ts';
import { counter } from '../../telemetry/metrics.ts';
import type { Redis } from '../../redis/redis-client.ts';

export interface LimiterOptions {
  /** Names the counter (and its keys); limiters with one name share counts across routes. */
  name: string;
  points: number;
  durationSeconds: number;
}

/** One request counted against one limit: the limit and whose count it is. */
export interface LimitUse {
  options: LimiterOptions;
  key: string;
}

/**
 * KEYS: counters, in turn · ARGV: points, duration s per counter. rate-limiter-flexible's
 * own increment (same keys, same expiry) for several counters, stopping after the first
 * one the request exceeds.
 */
const consumeInTurn = LuaScript.fromFile(new URL('./lua/consume-in-turn.lua', import.meta.url));

/**
 * Where rate-limit counters live: Redis when configured (shared by every replica, keys
 * under the client's prefix, `rl:<name>:…`), process memory otherwise. If Redis fails, a
 * per-process memory limiter takes over rather than letting every request through.
 */
export class RateLimiterStore {
  private readonly redis: Redis | null;
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private readonly memories = new Map<string, RateLimiterMemory>();
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
    const id = idOf(options);
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const common = {
        keyPrefix: `rl:${options.name}`,
        points: options.points,
        duration: options.durationSeconds,
      };
      const memory = new RateLimiterMemory(common);
      this.memories.set(id, memory);
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

  /**
   * Counts one request against each limit in turn, as consuming them one after the other
   * would, stopping at the first limit the request exceeds (that one counts it, later ones
   * do not), but in one round trip to Redis whatever their number. The results are in
   * order; a last one with `consumedPoints` above its limit's points is the refusal.
   */
  async consumeInTurn(uses: readonly LimitUse[]): Promise<RateLimiterRes[]> {
    if (uses.length === 0) return [];
    const limiters = uses.map((u) => this.limiter(u.options));
    if (this.redis?.status === 'ready') {
      try {
        const reply = (await consumeInTurn.run(
          this.redis,
          uses.map((u, i) => limiters[i]!.getKey(u.key)),
          uses.flatMap((u) => [u.options.points, u.options.durationSeconds]),
        )) as number[];
        const results: RateLimiterRes[] = [];
        for (let i = 0; i < reply.length; i += 2) {
          const [consumed, ttl] = [Number(reply[i]), Number(reply[i + 1])];
          const points = uses[i / 2]!.options.points;
          results.push(new RateLimiterRes(Math.max(points - consumed, 0), ttl, consumed, consumed === 1));
        }
        return results;
      } catch {
        // Redis failed: the per-process memory limiters take over, as RateLimiterRedis' insurance does.
      }
    }
    const results: RateLimiterRes[] = [];
    for (const use of uses) {
      const memory = this.memories.get(idOf(use.options))!;
      const result = await memory.consume(use.key).catch((rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) return rejection;
        throw rejection;
      });
      results.push(result);
      if (result.consumedPoints > use.options.points) break;
    }
    return results;
  }
}

function idOf(options: LimiterOptions): string {
  return `${options.name}/${options.points}/${options.durationSeconds}`;
}
