import { createHash } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { InvalidCredentials } from '#domain/identity/identity.errors.ts';
import { failedAttemptsGuard } from '../rate-limit/failed-attempts-guard.middleware.ts';
import type { RateLimit } from '../rate-limit/rate-limit.middleware.ts';
import type { RateLimiterStore } from '../rate-limit/rate-limiter-store.ts';

export interface AuthRateLimitSettings {
  /** Requests per window, per client address and per account, on each credential route. */
  points: number;
  windowSeconds: number;
  maxFailedLogins: number;
  maxFailedLoginsPerIp: number;
  failedLoginWindowSeconds: number;
  failedLoginDelayMs: number;
}

/** The middleware in front of each public credential route. */
export interface AuthRateLimits {
  register: Middleware[];
  logIn: Middleware[];
  refresh: Middleware[];
  ssoExchange: Middleware[];
}

/**
 * Per address and per account, so that neither one attacker spreading over accounts nor
 * many addresses aiming at one account get far. Accounts are keyed by a digest of the
 * e-mail (or refresh token), so the rate-limit store never holds either.
 */
export function authRateLimits(
  store: RateLimiterStore,
  rateLimit: RateLimit,
  s: AuthRateLimitSettings,
): AuthRateLimits {
  const limit = (name: string, by: 'ip' | ((ctx: Context) => string | undefined)) =>
    rateLimit({ name, by, points: s.points, durationSeconds: s.windowSeconds });
  const email = bodyDigest('email', (v) => v.trim().toLowerCase());
  const refreshToken = bodyDigest('refresh_token', (v) => v);
  return {
    register: [limit('auth-register-ip', 'ip'), limit('auth-register-account', email)],
    logIn: [
      limit('auth-login-ip', 'ip'),
      limit('auth-login-account', email),
      failedAttemptsGuard(store, {
        name: 'auth-login-failures',
        maxPerAccount: s.maxFailedLogins,
        maxPerIp: s.maxFailedLoginsPerIp,
        windowSeconds: s.failedLoginWindowSeconds,
        baseDelayMs: s.failedLoginDelayMs,
        account: email,
        isFailure: (error) => error instanceof InvalidCredentials,
      }),
    ],
    refresh: [limit('auth-refresh-ip', 'ip'), limit('auth-refresh-token', refreshToken)],
    ssoExchange: [limit('auth-sso-exchange-ip', 'ip')],
  };
}

function bodyDigest(field: string, normalise: (value: string) => string) {
  return (ctx: Context): string | undefined => {
    const value = (ctx.request.body as Record<string, unknown> | undefined)?.[field];
    if (typeof value !== 'string' || !value) return undefined;
    return createHash('sha256').update(normalise(value)).digest('base64url').slice(0, 32);
  };
}
