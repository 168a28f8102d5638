import type { RateLimit } from '#adapters/http/rate-limit/rate-limit.middleware.ts';
import type { RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';
import type { NewSsoUser } from '#application/identity/new-sso-user.ts';
import type { SessionIssuer } from '#application/identity/session-issuer.ts';
import { token } from '#application/shared/token.ts';

/** Bindings of the identity context that other modules use (beside `Tokens.RequireUser`). */
export const IdentityTokens = {
  /** Koa middleware, after requireUser: only administrators pass (403 otherwise). */
  RequireAdmin: Symbol('RequireAdmin'),
  /** `RateLimit` factory: `rateLimit({ name, points, durationSeconds, by: 'ip' | 'user' | fn })`. */
  RateLimit: token<RateLimit>('RateLimit'),
  RateLimiterStore: token<RateLimiterStore>('RateLimiterStore'),
  SsoProviders: Symbol('SsoProviders'),
  SessionIssuer: token<SessionIssuer>('SessionIssuer'),
  NewSsoUser: token<NewSsoUser>('NewSsoUser'),
} as const;
