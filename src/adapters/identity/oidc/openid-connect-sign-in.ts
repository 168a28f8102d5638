import { createHash, randomBytes } from 'node:crypto';
import OpenIDConnectStrategy from 'passport-openidconnect';
import type { VerifiedSsoClaims } from '#application/identity/verified-sso-claims.ts';
import { SsoSignInRefused } from '#domain/identity/identity.errors.ts';
import { verifyIdToken } from './id-token-verifier.ts';
import {
  runStrategy,
  sealedStateStore,
  SsoProviderUnavailable,
  type OAuthClient,
  type StrategyInternals,
} from './passport-strategy.ts';
import type { OidcIssuer } from './oidc-issuer.ts';
import type { SsoState } from './sso-state-sealer.ts';
import { claimsOf } from './sso-claims.ts';

export interface SsoProviderSettings {
  /** Path segment and display key: /api/v1/auth/sso/<name>. */
  name: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  /** `${PUBLIC_URL}/api/v1/auth/sso/<name>/callback`, registered at the provider. */
  callbackUrl: string;
}

/**
 * One configured OpenID provider, driven through passport-openidconnect's authorization
 * code flow (state, nonce, token exchange, basic claim checks). What the strategy lacks
 * is added around it: PKCE with S256, a stateless sealed-cookie state store, and full ID
 * token verification against the provider's JWKS (see verifyIdToken). A fresh strategy
 * per request keeps one request's PKCE verifier away from every other's.
 */
export class OpenIdConnectSignIn {
  readonly settings: SsoProviderSettings;
  private readonly issuer: OidcIssuer;
  private readonly now: () => Date;

  constructor(settings: SsoProviderSettings, issuer: OidcIssuer, now: () => Date = () => new Date()) {
    this.settings = settings;
    this.issuer = issuer;
    this.now = now;
  }

  /** Where to send the browser, and the state to keep in its cookie until the callback. */
  async begin(next: string): Promise<{ location: string; state: SsoState }> {
    const verifier = randomBytes(32).toString('base64url');
    const state: SsoState = {
      provider: this.settings.name,
      handle: '',
      nonce: '',
      verifier,
      next,
      issuedAt: this.now().getTime(),
    };
    const strategy = await this.strategy(state);
    strategy.authorizationParams = () => ({
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const location = await runStrategy(strategy, {}, this.settings.name);
    return { location: location as string, state };
  }

  /** Checks the callback against the state from the cookie and returns the verified claims. */
  async complete(
    query: Record<string, string | string[] | undefined>,
    state: SsoState | null,
  ): Promise<VerifiedSsoClaims> {
    if (!state || state.provider !== this.settings.name)
      throw new SsoSignInRefused('the sign-in session is missing or expired');
    const strategy = await this.strategy(state);
    const oauth2 = (strategy as unknown as { _oauth2: OAuthClient })._oauth2;
    const exchange = oauth2.getOAuthAccessToken.bind(oauth2);
    oauth2.getOAuthAccessToken = (code, params, cb) =>
      exchange(code, { ...params, code_verifier: state.verifier }, cb);
    const claims = await runStrategy(strategy, query, this.settings.name);
    return claims as VerifiedSsoClaims;
  }

  private async strategy(state: SsoState): Promise<StrategyInternals> {
    const metadata = await this.issuer.metadata().catch(() => {
      throw new SsoProviderUnavailable(this.settings.name);
    });
    const options = {
      issuer: metadata.issuer,
      authorizationURL: metadata.authorization_endpoint,
      tokenURL: metadata.token_endpoint,
      userInfoURL: '',
      clientID: this.settings.clientId,
      clientSecret: this.settings.clientSecret,
      callbackURL: this.settings.callbackUrl,
      scope: this.settings.scopes.filter((s) => s !== 'openid'),
      nonce: 'true',
      store: sealedStateStore(state),
    };
    const verify = (
      _iss: string,
      _profile: unknown,
      _ctx: unknown,
      idToken: string,
      done: (e: unknown, u?: unknown) => void,
    ) => {
      verifyIdToken(idToken, this.issuer, {
        clientId: this.settings.clientId,
        nonce: state.nonce,
        nowSeconds: Math.floor(this.now().getTime() / 1000),
      })
        .then((claims) => done(null, claimsOf(this.settings.name, claims)))
        .catch((error: unknown) => done(error));
    };
    return new OpenIDConnectStrategy(options as never, verify as never) as StrategyInternals;
  }
}
