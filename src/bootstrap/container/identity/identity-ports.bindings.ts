import { randomBytes } from 'node:crypto';
import type { ContainerModuleLoadOptions } from 'inversify';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { apiRateLimits } from '#adapters/http/rate-limit/api-rate-limits.ts';
import { rateLimiting, type RateLimit } from '#adapters/http/rate-limit/rate-limit.middleware.ts';
import { RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';
import { Argon2PasswordHasher } from '#adapters/identity/argon2-password-hasher.ts';
import { ZxcvbnCommonPasswords } from '#adapters/identity/zxcvbn-common-passwords.ts';
import { CryptoOpaqueTokens } from '#adapters/identity/crypto-opaque-tokens.ts';
import { DEV_IDP_SCOPES } from '#adapters/identity/dev-identity-provider.ts';
import { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { OidcIssuer } from '#adapters/identity/oidc/oidc-issuer.ts';
import {
  OpenIdConnectSignIn,
  type SsoProviderSettings,
} from '#adapters/identity/oidc/openid-connect-sign-in.ts';
import { PostgresExternalIdentityRepository } from '#adapters/postgres/identity/postgres-external-identity.repository.ts';
import { PostgresRefreshTokenRepository } from '#adapters/postgres/identity/postgres-refresh-token.repository.ts';
import { PostgresSsoHandoffRepository } from '#adapters/postgres/identity/postgres-sso-handoff.repository.ts';
import { AccessTokenIssuer } from '#application/identity/access-token-issuer.ts';
import { CommonPasswords } from '#application/identity/common-passwords.ts';
import { ExternalIdentityRepository } from '#application/identity/external-identity.repository.ts';
import { OpaqueTokens } from '#application/identity/opaque-tokens.ts';
import { PasswordHasher } from '#application/identity/password-hasher.ts';
import { RefreshTokenRepository } from '#application/identity/refresh-token.repository.ts';
import { SsoHandoffRepository } from '#application/identity/sso-handoff.repository.ts';
import { Clock } from '#application/shared/clock.ts';
import type { Infrastructure } from '../../infrastructure.ts';
import { Tokens } from '../tokens.ts';
import { IdentityTokens } from './identity-tokens.ts';

type Bind = ContainerModuleLoadOptions['bind'];
export const DEV_IDP_PATH = '/dev-idp';

/** Access tokens, password hashing, secrets, repositories, rate-limit store, SSO providers. */
export function bindIdentityPorts(
  bind: Bind,
  infra: Infrastructure,
  dev: SsoProviderSettings | undefined,
): void {
  const { auth } = infra.config;
  bind(Tokens.KeyRing).toConstantValue(infra.keys);
  bind(Tokens.AccessTokens).toResolvedValue(
    (clock: Clock) =>
      new JwtAccessTokens(
        infra.keys,
        { issuer: auth.issuer, audience: auth.audience, ttlSeconds: auth.accessTtlSeconds },
        clock,
      ),
    [Clock],
  );
  bind<AccessTokenIssuer>(AccessTokenIssuer).toService(Tokens.AccessTokens);
  bind<PasswordHasher>(PasswordHasher).toResolvedValue(() => new Argon2PasswordHasher(), []);
  bind<CommonPasswords>(CommonPasswords).toResolvedValue(() => new ZxcvbnCommonPasswords(), []);
  bind<OpaqueTokens>(OpaqueTokens).toConstantValue(new CryptoOpaqueTokens());
  const EM = [Tokens.EntityManager] as [symbol];
  bind<RefreshTokenRepository>(RefreshTokenRepository).toResolvedValue(
    (em: SqlEntityManager) => new PostgresRefreshTokenRepository(em),
    EM,
  );
  bind<ExternalIdentityRepository>(ExternalIdentityRepository).toResolvedValue(
    (em: SqlEntityManager) => new PostgresExternalIdentityRepository(em),
    EM,
  );
  bind<SsoHandoffRepository>(SsoHandoffRepository).toResolvedValue(
    (em: SqlEntityManager) => new PostgresSsoHandoffRepository(em),
    EM,
  );
  const store = new RateLimiterStore(infra.redis, infra.metrics);
  bind(IdentityTokens.RateLimiterStore).toConstantValue(store);
  const rateLimit = rateLimiting(store);
  bind<RateLimit>(IdentityTokens.RateLimit).toConstantValue(rateLimit);
  const { rateLimits } = infra.config.http;
  bind(Tokens.ApiRateLimits).toConstantValue(
    apiRateLimits(store, rateLimits.windowSeconds, rateLimits.overrides),
  );
  bind(IdentityTokens.SsoProviders).toConstantValue(ssoProviders(infra, dev));
}

/** Configured providers, plus the built-in dev provider when it is on. */
function ssoProviders(
  infra: Infrastructure,
  dev: SsoProviderSettings | undefined,
): Map<string, OpenIdConnectSignIn> {
  const { auth, http } = infra.config;
  const settings: SsoProviderSettings[] = auth.ssoProviders.map((p) => ({
    ...p,
    callbackUrl: `${http.publicUrl}/api/v1/auth/sso/${p.name}/callback`,
  }));
  if (dev) settings.push(dev);
  return new Map(settings.map((s) => [s.name, new OpenIdConnectSignIn(s, new OidcIssuer(s.issuer))]));
}

/** The dev provider's client: one random secret per process (its state is in memory anyway). */
export function devProviderSettings(infra: Infrastructure): SsoProviderSettings {
  const { publicUrl } = infra.config.http;
  return {
    name: 'dev',
    label: 'Dev identity provider',
    issuer: `${publicUrl}${DEV_IDP_PATH}`,
    clientId: 'rookery-dev',
    clientSecret: randomBytes(24).toString('base64url'),
    scopes: DEV_IDP_SCOPES,
    callbackUrl: `${publicUrl}/api/v1/auth/sso/dev/callback`,
  };
}
