import type { Context, Middleware } from 'koa';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimited } from './rate-limited.error.ts';
import type { RateLimiterStore } from './rate-limiter-store.ts';

export interface FailedAttemptsOptions {
  name: string;
  /** Failures allowed per account inside the window; the next attempt gets 429. */
  maxPerAccount: number;
  /** Failures allowed per client address inside the window (many accounts, one attacker). */
  maxPerIp: number;
  windowSeconds: number;
  /** Delay added after the third consecutive failure, doubling each time (capped at 16×). */
  baseDelayMs: number;
  /** The account an attempt is for (e.g. the e-mail in the body, or the owner of a token it looks up). */
  account: (ctx: Context) => string | undefined | Promise<string | undefined>;
  /** Whether an error means "wrong credentials" (other failures are not counted). */
  isFailure: (error: unknown) => boolean;
}

/**
 * Brute-force protection for a credential check: counts failures per account and per
 * address, slows each failure down progressively, refuses with 429 once either count is
 * exhausted for the window, and forgets an account's failures when it signs in.
 */
export function failedAttemptsGuard(store: RateLimiterStore, options: FailedAttemptsOptions): Middleware {
  const window = { durationSeconds: options.windowSeconds };
  const perAccount = store.limiter({
    ...window,
    name: `${options.name}-account`,
    points: options.maxPerAccount,
  });
  const perIp = store.limiter({ ...window, name: `${options.name}-ip`, points: options.maxPerIp });
  return async (ctx, next) => {
    const account = await options.account(ctx);
    const counters: [RateLimiterAbstract, string, number][] = [[perIp, `ip:${ctx.ip}`, options.maxPerIp]];
    if (account) counters.push([perAccount, `account:${account}`, options.maxPerAccount]);
    for (const [limiter, key, max] of counters) {
      const seen = await limiter.get(key);
      if (seen && seen.consumedPoints >= max) {
        store.refused(options.name);
        throw new RateLimited(seen.msBeforeNext / 1000);
      }
    }
    try {
      await next();
    } catch (error) {
      if (!options.isFailure(error)) throw error;
      const counted = await Promise.all(counters.map(([limiter, key]) => limiter.penalty(key, 1)));
      const failures = Math.max(...counted.map((r) => r.consumedPoints));
      await sleep(delayAfter(failures, options.baseDelayMs));
      throw error;
    }
    if (account) await perAccount.delete(`account:${account}`);
  };
}

/** 0, 0, 1×, 2×, 4×, 8×, 16×, 16×… the base delay: typos stay free, guessing gets slow. */
export function delayAfter(failures: number, baseDelayMs: number): number {
  return failures < 3 ? 0 : baseDelayMs * 2 ** Math.min(failures - 3, 4);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
