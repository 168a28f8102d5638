import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '#bootstrap/config/config.ts';

const load = (env: Record<string, string>) => loadConfig(env as NodeJS.ProcessEnv);
const google = {
  name: 'google',
  issuer: 'https://accounts.google.com',
  client_id: 'id.apps.googleusercontent.com',
  client_secret: 'GOCSPX-very-secret',
};

describe('identity configuration', () => {
  it('defaults: 30-day refresh tokens, 5 failed logins per 15 minutes, no external providers', () => {
    const { auth } = load({});
    expect(auth.refreshTtlMs).toBe(30 * 86_400_000);
    expect(auth.rateLimits).toEqual({
      points: 20,
      windowSeconds: 60,
      maxFailedLogins: 5,
      maxFailedLoginsPerIp: 50,
      maxFailedLoginsPerAccount: 100,
      knownAddressDays: 14,
      failedLoginWindowSeconds: 900,
      failedLoginDelayMs: 250,
    });
    expect(auth.ssoProviders).toEqual([]);
  });

  it('reads OpenID providers from JSON, with a label and the standard scopes by default', () => {
    const { auth } = load({ OIDC_PROVIDERS: JSON.stringify([google]) });
    expect(auth.ssoProviders).toEqual([
      {
        name: 'google',
        label: 'Google',
        issuer: 'https://accounts.google.com',
        clientId: google.client_id,
        clientSecret: google.client_secret,
        scopes: ['openid', 'email', 'profile'],
      },
    ]);
  });

  it('keeps an issuer exactly as spelled (discovery must match it to the character)', () => {
    const auth0 = { ...google, name: 'auth0', issuer: 'https://tenant.eu.auth0.com/' };
    expect(load({ OIDC_PROVIDERS: JSON.stringify([auth0]) }).auth.ssoProviders[0]?.issuer).toBe(auth0.issuer);
  });

  it('reports malformed provider JSON without echoing it (it holds client secrets)', () => {
    const broken = `[{"name":"google","client_secret":"GOCSPX-very-secret"`;
    expect(() => load({ OIDC_PROVIDERS: broken })).toThrow(ConfigError);
    expect(() => load({ OIDC_PROVIDERS: broken })).toThrow(/OIDC_PROVIDERS\.json: expected a JSON array/);
    expect(() => load({ OIDC_PROVIDERS: broken })).not.toThrow(/very-secret/);
    expect(() => load({ OIDC_PROVIDERS: '{"client_secret":"GOCSPX-very-secret"}' })).not.toThrow(
      /very-secret/,
    );
  });

  it.each([
    [{ ...google, name: 'dev' }, /reserved/],
    [{ ...google, name: 'Google!' }, /lower-case/],
    [{ ...google, issuer: 'not a url' }, /issuer/],
    [{ ...google, client_secret: undefined }, /client_secret/],
  ])('refuses the provider %j', (provider, message) => {
    expect(() => load({ OIDC_PROVIDERS: JSON.stringify([provider]) })).toThrow(message);
  });

  it('turns the dev identity provider on in embedded mode only, and never in production', () => {
    expect(load({}).auth.devIdentityProvider.enabled).toBe(true);
    expect(load({ DATABASE_URL: 'postgres://db/x' }).auth.devIdentityProvider.enabled).toBe(false);
    expect(
      load({ DATABASE_URL: 'postgres://db/x', DEV_IDP_ENABLED: 'true' }).auth.devIdentityProvider.enabled,
    ).toBe(true);
    expect(load({ NODE_ENV: 'production', DEV_IDP_ENABLED: 'true' }).auth.devIdentityProvider.enabled).toBe(
      false,
    );
  });

  it('reads the dev users as email:name pairs', () => {
    expect(
      load({ DEV_IDP_USERS: 'Ada@Rookery.local:Ada Lovelace, bob@x.io' }).auth.devIdentityProvider.users,
    ).toEqual([
      { email: 'ada@rookery.local', name: 'Ada Lovelace' },
      { email: 'bob@x.io', name: 'bob' },
    ]);
    expect(() => load({ DEV_IDP_USERS: 'not-an-email' })).toThrow(/DEV_IDP_USERS/);
  });
});
