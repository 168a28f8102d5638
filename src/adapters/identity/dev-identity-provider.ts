import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider, { type OidcContext } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

/** A person the dev identity provider knows; anyone may sign in as them (it is for development). */
export interface DevUser {
  email: string;
  name: string;
}

export interface DevIdentityProviderOptions {
  /** e.g. `${PUBLIC_URL}/dev-idp`; its path is where the provider is mounted. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  users: readonly DevUser[];
  trustProxy?: boolean;
}

export const DEV_IDP_SCOPES = ['openid', 'email', 'profile'] as const;

/**
 * A real OpenID provider (oidc-provider, a certified implementation) for the embedded
 * mode and tests: authorization code flow with PKCE required, RS256 ID tokens carrying the
 * e-mail (verified) and name, its own login page listing the configured users, and no
 * consent step for Rookery (a first-party client). State lives in memory: one process.
 */
export function createDevIdentityProvider(options: DevIdentityProviderOptions): Provider {
  const byId = new Map(options.users.map((u) => [devSubject(u.email), u]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const mountPath = new URL(options.issuer).pathname.replace(/\/$/, '');
  const provider = new Provider(options.issuer, {
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: {
      keys: [
        {
          ...privateKey.export({ format: 'jwk' }),
          kid: `dev-${randomBytes(4).toString('hex')}`,
          use: 'sig',
          alg: 'RS256',
        },
      ],
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    // Put the scope's claims in the ID token (Rookery reads only verified ID token claims).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${mountPath}/interaction/${interaction.uid}`,
    },
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 600,
      AccessToken: 600,
      Interaction: 600,
      Session: 86_400,
      Grant: 86_400,
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const user = byId.get(sub);
      return user
        ? {
            accountId: sub,
            claims: async () => ({
              sub,
              email: user.email,
              email_verified: true,
              name: user.name,
              preferred_username: user.email.split('@')[0],
            }),
          }
        : undefined;
    },
    loadExistingGrant: async (ctx: OidcContext) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope(DEV_IDP_SCOPES.join(' '));
      await grant.save();
      return grant;
    },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `Dev identity provider error: ${out.error}${out.error_description ? ` (${out.error_description})` : ''}`;
    },
  });
  provider.proxy = options.trustProxy ?? false;
  return provider;
}

/** The subject the dev provider gives a user: stable across restarts, derived from the e-mail. */
export function devSubject(email: string): string {
  return `dev-${email.trim().toLowerCase()}`;
}
