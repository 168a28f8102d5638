import type { Context, Middleware } from 'koa';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import { serializeList } from 'structured-headers';
import type { LimiterOptions } from './rate-limiter-store.ts';

interface QuotaState {
  quota: number;
  windowSeconds: number;
  remaining: number;
  resetSeconds: number;
}

type Quotas = Map<string, QuotaState>;

function quotasOf(ctx: Context): Quotas {
  return ((ctx.state as { rateLimits?: Quotas }).rateLimits ??= new Map());
}

/**
 * Advertises a limit the request was counted against, in the form of the IETF httpapi draft
 * (draft-ietf-httpapi-ratelimit-headers-10): `RateLimit-Policy` lists every quota policy that
 * applied (`"api-feed-user";q=300;w=60`) and `RateLimit` what is left of each
 * (`"api-feed-user";r=299;t=60`), both as structured-field lists (RFC 9651) so that a client
 * can tell which budget is running out. Partition keys (`pk`) are not sent: they would be
 * the user id or the address.
 */
export function advertise(ctx: Context, options: LimiterOptions, result: RateLimiterRes): void {
  const quotas = quotasOf(ctx);
  quotas.set(options.name, {
    quota: options.points,
    windowSeconds: options.durationSeconds,
    remaining: Math.max(0, result.remainingPoints),
    resetSeconds: Math.ceil(result.msBeforeNext / 1000),
  });
  const policies = [...quotas];
  ctx.set(
    'RateLimit-Policy',
    serializeList(
      policies.map(([name, q]) => [
        name,
        new Map([
          ['q', q.quota],
          ['w', q.windowSeconds],
        ]),
      ]),
    ),
  );
  ctx.set(
    'RateLimit',
    serializeList(
      policies.map(([name, q]) => [
        name,
        new Map([
          ['r', q.remaining],
          ['t', q.resetSeconds],
        ]),
      ]),
    ),
  );
}

/**
 * The 2022 draft's three headers (`RateLimit-Limit`, `-Remaining`, `-Reset`) for clients
 * written against it, describing the policy closest to running out. Off by default
 * (`RATE_LIMIT_LEGACY_HEADERS`); runs outside the error mapping so that 429s carry them too.
 */
export function legacyRateLimitHeaders(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      const quotas = (ctx.state as { rateLimits?: Quotas }).rateLimits;
      const tightest = quotas && [...quotas.values()].sort((a, b) => a.remaining - b.remaining)[0];
      if (tightest) {
        ctx.set('RateLimit-Limit', String(tightest.quota));
        ctx.set('RateLimit-Remaining', String(tightest.remaining));
        ctx.set('RateLimit-Reset', String(tightest.resetSeconds));
      }
    }
  };
}
