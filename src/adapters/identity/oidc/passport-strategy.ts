import { randomBytes, timingSafeEqual } from 'node:crypto';
import type OpenIDConnectStrategy from 'passport-openidconnect';
import { SsoSignInRefused } from '#domain/identity/identity.errors.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import type { SsoState } from './sso-state-sealer.ts';

export class SsoProviderUnavailable extends DomainError {
  constructor(provider: string) {
    super(
      'auth.sso_unavailable',
      'unavailable',
      `The sign-in provider "${provider}" cannot be reached; try again later.`,
    );
  }
}

/** The strategy's token client (the `oauth` package), "protected" in passport-openidconnect. */
export interface OAuthClient {
  getOAuthAccessToken(code: string, params: Record<string, string>, cb: unknown): void;
}

/** The hooks passport adds to a strategy before running it; set here without passport's middleware. */
export type StrategyInternals = OpenIDConnectStrategy & {
  redirect(url: string): void;
  success(user: unknown): void;
  fail(challenge?: { message?: string }): void;
  error(error: unknown): void;
};

/**
 * A passport-openidconnect state store over the SSO state the browser carries in its sealed
 * cookie (instead of a server-side session): `store` fills in the `state` handle and nonce
 * the strategy generated, `verify` accepts the callback only with that same handle.
 */
export function sealedStateStore(state: SsoState) {
  return {
    store(
      _req: unknown,
      ctx: { nonce?: string },
      _app: unknown,
      _meta: unknown,
      cb: (e: null, h: string) => void,
    ) {
      state.handle = randomHandle();
      state.nonce = ctx.nonce ?? '';
      cb(null, state.handle);
    },
    verify(
      _req: unknown,
      handle: unknown,
      cb: (e: null, ctx: false | { nonce: string }, info?: unknown) => void,
    ) {
      if (sameText(handle, state.handle) && state.nonce) cb(null, { nonce: state.nonce });
      else cb(null, false, { message: 'the state does not match this browser’s sign-in' });
    },
  };
}

/** Runs a strategy once (as passport's middleware would) and settles with its redirect or user. */
export function runStrategy(
  strategy: StrategyInternals,
  query: Record<string, unknown>,
  provider: string,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    strategy.redirect = resolve;
    strategy.success = resolve;
    strategy.fail = (challenge) =>
      reject(new SsoSignInRefused(challenge?.message ?? 'the provider refused the sign-in'));
    strategy.error = (error) => reject(toDomainError(error, provider));
    strategy.authenticate({ query, headers: {}, url: '' } as never, {});
  });
}

function toDomainError(error: unknown, provider: string): unknown {
  if (error instanceof DomainError) return error;
  const name = (error as { name?: string })?.name;
  if (name === 'TokenError' || name === 'AuthorizationError') {
    return new SsoSignInRefused(`the provider answered "${(error as { code?: string }).code ?? 'error'}"`);
  }
  if (name === 'InternalOAuthError') return new SsoProviderUnavailable(provider);
  return error;
}

function randomHandle(): string {
  return randomBytes(24).toString('base64url');
}

function sameText(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || !b) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
