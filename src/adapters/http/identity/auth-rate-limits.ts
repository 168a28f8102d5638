import { createHash } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import type { RefreshTokenHolder } from '#application/identity/identify-refresh-token.use-case.ts';
import {
  InvalidCredentials,
  InvalidRefreshToken,
  RefreshTokenReused,
} from '#domain/identity/identity.errors.ts';
import { EmailAlreadyRegistered, HandleTaken } from '#domain/users/user.errors.ts';
import { failedAttemptsGuard, type AccountScope } from '../rate-limit/failed-attempts-guard.middleware.ts';
import type { RateLimit } from '../rate-limit/rate-limit.middleware.ts';
import type { RateLimiterStore } from '../rate-limit/rate-limiter-store.ts';

export interface AuthRateLimitSettings {
  /** Requests per window, per client address and per account, on each credential route. */
  points: number;
  windowSeconds: number;
  /**
   * Failed attempts allowed per (account, address) on login and refresh, and per account on
   * register; then that address (for register: every address) gets 429 for the window.
   */
  maxFailedLogins: number;
  maxFailedLoginsPerIp: number;
  /** Failures of one account from all addresses together before only addresses it signed in from get through. */
  maxFailedLoginsPerAccount: number;
  /** How long an address an account signed in from stays "known" to it. */
  knownAddressDays: number;
  failedLoginWindowSeconds: number;
  failedLoginDelayMs: number;
}

/** Who holds a refresh token (its user and sign-in family), or null for one never issued. */
export type RefreshTokenHolders = (refreshToken: string) => Promise<RefreshTokenHolder | null>;

/** The middleware in front of each public credential route. */
export interface AuthRateLimits {
  register: Middleware[];
  logIn: Middleware[];
  refresh: Middleware[];
  ssoExchange: Middleware[];
  /** The password step of linking a provider: a login by another door, counted like one. */
  ssoLink: Middleware[];
  /** Re-sending the verification mail: each sends an e-mail, so few per hour. */
  resendVerification: Middleware[];
}

/** The account a pending SSO link ticket is for, or undefined for a ticket that does not open. */
export type LinkTicketOwners = (ticket: string) => string | undefined;

const RESENDS_PER_HOUR_PER_USER = 3;
const RESENDS_PER_HOUR_PER_IP = 20;

/**
 * Per address and per account, so that neither one attacker spreading over accounts nor
 * many addresses aiming at one account get far. Accounts are keyed by a digest of the
 * e-mail, or by the user and family a refresh token belongs to (each refresh presents a new
 * token, so a count per token would never grow), so the store never holds an e-mail or token.
 *
 * Each route also slows down and then refuses its own kind of failure (`failedAttemptsGuard`):
 * wrong passwords on login; taken e-mails or handles on register (probing which addresses
 * have accounts); unknown, spent or revoked tokens on refresh (replaying stolen tokens).
 */
export function authRateLimits(
  store: RateLimiterStore,
  rateLimit: RateLimit,
  s: AuthRateLimitSettings,
  holders: RefreshTokenHolders,
  ticketOwners: LinkTicketOwners = () => undefined,
): AuthRateLimits {
  const limit = (name: string, by: 'ip' | ((ctx: Context) => string | undefined)) =>
    rateLimit({ name, by, points: s.points, durationSeconds: s.windowSeconds });
  const failures = (
    name: string,
    account: (ctx: Context) => string | undefined | Promise<string | undefined>,
    isFailure: (error: unknown) => boolean,
    scope: AccountScope = perAddress,
  ) =>
    failedAttemptsGuard(store, {
      name,
      maxPerAccount: s.maxFailedLogins,
      maxPerIp: s.maxFailedLoginsPerIp,
      windowSeconds: s.failedLoginWindowSeconds,
      baseDelayMs: s.failedLoginDelayMs,
      account,
      isFailure,
      scope,
    });
  // Wrong passwords must not become a way to lock the owner out (see docs/auth.md#lockout).
  const perAddress: AccountScope = {
    kind: 'per-address',
    maxPerAccountEverywhere: s.maxFailedLoginsPerAccount,
    knownAddressDays: s.knownAddressDays,
  };
  const email = bodyDigest('email', (v) => v.trim().toLowerCase());
  const holder = refreshTokenHolder(holders);
  return {
    register: [
      limit('auth-register-ip', 'ip'),
      limit('auth-register-account', email),
      failures(
        'auth-register-failures',
        email,
        (error) => error instanceof EmailAlreadyRegistered || error instanceof HandleTaken,
        // Refusing a sign-up for a taken e-mail locks nobody out: count it from every address.
        { kind: 'everywhere' },
      ),
    ],
    logIn: [
      limit('auth-login-ip', 'ip'),
      limit('auth-login-account', email),
      failures('auth-login-failures', email, (error) => error instanceof InvalidCredentials),
    ],
    refresh: [
      limit('auth-refresh-ip', 'ip'),
      holder.resolve,
      // One budget per sign-in, whichever of its tokens is presented (a never-issued token: its digest).
      limit('auth-refresh-family', (ctx) => holder.of(ctx)?.family),
      failures(
        'auth-refresh-failures',
        (ctx) => holder.of(ctx)?.user,
        (error) => error instanceof InvalidRefreshToken || error instanceof RefreshTokenReused,
      ),
    ],
    ssoExchange: [limit('auth-sso-exchange-ip', 'ip')],
    ssoLink: [
      limit('auth-sso-link-ip', 'ip'),
      failures(
        'auth-login-failures',
        (ctx) => {
          const ticket = (ctx.request.body as Record<string, unknown> | undefined)?.link_ticket;
          const owner = typeof ticket === 'string' ? ticketOwners(ticket) : undefined;
          return owner && `user:${owner}`;
        },
        (error) => error instanceof InvalidCredentials,
      ),
    ],
    resendVerification: [
      rateLimit({
        name: 'auth-verification-resend-user',
        by: 'user',
        points: RESENDS_PER_HOUR_PER_USER,
        durationSeconds: 3600,
      }),
      rateLimit({
        name: 'auth-verification-resend-ip',
        by: 'ip',
        points: RESENDS_PER_HOUR_PER_IP,
        durationSeconds: 3600,
      }),
    ],
  };
}

/**
 * Looks the presented refresh token up once per request, before the limits that count by
 * it. A token never issued has no user: only the address counts its failures.
 */
function refreshTokenHolder(holders: RefreshTokenHolders) {
  const token = bodyDigest('refresh_token', (v) => v);
  const known = new WeakMap<Context, { family: string; user?: string } | undefined>();
  const resolve: Middleware = async (ctx, next) => {
    const value = (ctx.request.body as Record<string, unknown> | undefined)?.refresh_token;
    // Longer than any token issued: the route refuses it with 400, not worth a lookup.
    const found = typeof value === 'string' && value && value.length <= 512 ? await holders(value) : null;
    if (found) known.set(ctx, { family: `family:${found.familyId}`, user: `user:${found.userId}` });
    else {
      const digest = token(ctx);
      known.set(ctx, digest ? { family: `token:${digest}` } : undefined);
    }
    await next();
  };
  return { resolve, of: (ctx: Context) => known.get(ctx) };
}

function bodyDigest(field: string, normalise: (value: string) => string) {
  return (ctx: Context): string | undefined => {
    const value = (ctx.request.body as Record<string, unknown> | undefined)?.[field];
    if (typeof value !== 'string' || !value) return undefined;
    return createHash('sha256').update(normalise(value)).digest('base64url').slice(0, 32);
  };
}
