/** Bindings of the identity context that other modules use (beside `Tokens.RequireUser`). */
export const IdentityTokens = {
  /** Koa middleware, after requireUser: only administrators pass (403 otherwise). */
  RequireAdmin: Symbol('RequireAdmin'),
  /** `RateLimit` factory: `rateLimit({ name, points, durationSeconds, by: 'ip' | 'user' | fn })`. */
  RateLimit: Symbol('RateLimit'),
  RateLimiterStore: Symbol('RateLimiterStore'),
  SsoProviders: Symbol('SsoProviders'),
  SessionIssuer: Symbol('SessionIssuer'),
  NewSsoUser: Symbol('NewSsoUser'),
} as const;
