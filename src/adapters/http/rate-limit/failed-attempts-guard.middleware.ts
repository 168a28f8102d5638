import type { Context, Middleware } from 'koa';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimited } from './rate-limited.error.ts';
import type { RateLimiterStore } from './rate-limiter-store.ts';

/**
 * How far an account's failures reach:
 * - `everywhere`: the account is refused from every address once its failures are used up
 *   (for checks whose refusal harms nobody, like sign-ups probing for a taken e-mail);
 * - `per-address`: failures count per (account, address), so wrong passwords sent from one
 *   place never lock the owner out from another. An account failing from many places at
 *   once (`maxPerAccountEverywhere`) is under a distributed attack: then only addresses
 *   that signed in to it before get through.
 */
export type AccountScope =
  { kind: 'everywhere' } | { kind: 'per-address'; maxPerAccountEverywhere: number; knownAddressDays: number };

export interface FailedAttemptsOptions {
  name: string;
  /** Failures allowed per account (per address with `per-address`) inside the window; the next attempt gets 429. */
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
  scope?: AccountScope;
}

type Count = [limiter: RateLimiterAbstract, key: string, max: number];

/**
 * Brute-force protection for a credential check (OWASP Authentication Cheat Sheet): counts
 * failures per address and per account (see `AccountScope`), slows each failure down
 * progressively, refuses with 429 once a count is exhausted for the window, and forgets
 * the failures of an (account, address) when it signs in.
 */
export function failedAttemptsGuard(store: RateLimiterStore, options: FailedAttemptsOptions): Middleware {
  const scope = options.scope ?? { kind: 'everywhere' };
  const window = { durationSeconds: options.windowSeconds };
  const limiter = (suffix: string, points: number) =>
    store.limiter({ ...window, name: `${options.name}-${suffix}`, points });
  const perAccount = limiter('account', options.maxPerAccount);
  const perIp = limiter('ip', options.maxPerIp);
  const everywhere =
    scope.kind === 'per-address' ? limiter('account-everywhere', scope.maxPerAccountEverywhere) : null;
  const known =
    scope.kind === 'per-address'
      ? store.limiter({
          name: `${options.name}-known-address`,
          points: 1,
          durationSeconds: scope.knownAddressDays * 86_400,
        })
      : null;

  return async (ctx, next) => {
    const account = await options.account(ctx);
    const accountKey =
      account && (scope.kind === 'per-address' ? `account:${account}:ip:${ctx.ip}` : `account:${account}`);
    const counts: Count[] = [[perIp, `ip:${ctx.ip}`, options.maxPerIp]];
    if (accountKey) counts.push([perAccount, accountKey, options.maxPerAccount]);
    for (const [counter, key, max] of counts) await refuseIfExhausted(counter, key, max);
    if (account && everywhere && known) {
      const attacked = await everywhere.get(`account:${account}`);
      const isKnown = await known.get(`account:${account}:ip:${ctx.ip}`);
      if (attacked && attacked.consumedPoints >= everywhere.points && !isKnown) {
        store.refused(options.name);
        throw new RateLimited(attacked.msBeforeNext / 1000);
      }
      counts.push([everywhere, `account:${account}`, everywhere.points]);
    }
    try {
      await next();
    } catch (error) {
      if (!options.isFailure(error)) throw error;
      const counted = await Promise.all(counts.map(([counter, key]) => counter.penalty(key, 1)));
      // The delay follows this address's failures (this account, or any): the owner elsewhere is not slowed.
      const failures = Math.max(...counted.slice(0, 2).map((r) => r.consumedPoints));
      await sleep(delayAfter(failures, options.baseDelayMs));
      throw error;
    }
    if (accountKey) await perAccount.delete(accountKey);
    if (account && known) await known.set(`account:${account}:ip:${ctx.ip}`, 1, known.duration);
  };

  async function refuseIfExhausted(counter: RateLimiterAbstract, key: string, max: number) {
    const seen = await counter.get(key);
    if (seen && seen.consumedPoints >= max) {
      store.refused(options.name);
      throw new RateLimited(seen.msBeforeNext / 1000);
    }
  }
}

/** 0, 0, 1×, 2×, 4×, 8×, 16×, 16×… the base delay: typos stay free, guessing gets slow. */
export function delayAfter(failures: number, baseDelayMs: number): number {
  return failures < 3 ? 0 : baseDelayMs * 2 ** Math.min(failures - 3, 4);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
