import type { Context, Middleware } from 'koa';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { advertise } from './rate-limit-headers.ts';
import { RateLimited } from './rate-limited.error.ts';
import type { LimiterOptions, RateLimiterStore } from './rate-limiter-store.ts';

/**
 * Whom a limit counts: the client address, the authenticated user (after `requireUser`;
 * falls back to the address), or any key taken from the request (an account, a token…).
 * A function returning undefined skips the limit for that request.
 */
export type RateLimitKey = 'ip' | 'user' | ((ctx: Context) => string | undefined);

export interface RateLimitOptions extends LimiterOptions {
  by: RateLimitKey;
}

/** Builds a rate-limit middleware; bound in the container for every router to use. */
export type RateLimit = (options: RateLimitOptions) => Middleware;

/**
 * Fixed-window limits: `points` requests per `durationSeconds` per key. Every answer
 * carries `RateLimit-Policy` and `RateLimit` for each limit it was counted against (see
 * `rate-limit-headers.ts`); over a limit, a 429 problem with `Retry-After` and `retry_after`.
 */
export function rateLimiting(store: RateLimiterStore): RateLimit {
  return (options) => {
    const limiter = store.limiter(options);
    return async (ctx, next) => {
      const key = keyOf(options.by, ctx);
      if (key === undefined) return next();
      let result: RateLimiterRes;
      try {
        result = await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        advertise(ctx, options, rejection);
        store.refused(options.name);
        throw new RateLimited(rejection.msBeforeNext / 1000);
      }
      advertise(ctx, options, result);
      await next();
    };
  };
}

export function keyOf(by: RateLimitKey, ctx: Context): string | undefined {
  if (by === 'ip') return `ip:${ctx.ip}`;
  if (by === 'user') return ctx.state.userId ? `user:${ctx.state.userId}` : `ip:${ctx.ip}`;
  const custom = by(ctx);
  return custom === undefined ? undefined : `key:${custom}`;
}
