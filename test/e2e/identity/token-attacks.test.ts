import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { USER_CHECK_TTL_MS } from '#adapters/http/identity/require-user.middleware.ts';
import { apiClient, bootRookery, type BootedRookery, type Json } from '../../support/identity-api.ts';

/**
 * Forged and unusable access tokens against a booted API: every one must get 401 with a
 * problem+json body, and none may reach a handler.
 */
describe('access-token attacks over HTTP', () => {
  let booted: BootedRookery;
  let call: ReturnType<typeof apiClient>;
  let userId: string;
  let validToken: string;
  beforeAll(async () => {
    booted = await bootRookery(false);
    call = apiClient(booted.rookery.url);
    const registered = await call('POST', '/api/v1/auth/register', {
      body: { email: 'victim@example.com', password: 'correct horse', handle: 'victim' },
    });
    userId = (registered.body.user as Json).id as string;
    validToken = registered.body.access_token as string;
  }, 60_000);
  afterAll(() => booted?.stop());

  const config = () => booted.rookery.config.auth;
  const keys = () => booted.rookery.infra.keys;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => ({
    sub: userId,
    iat: now(),
    exp: now() + 600,
    jti: 'forged',
    iss: config().issuer,
    aud: config().audience,
    ...overrides,
  });
  const signed = (overrides: Record<string, unknown> = {}, kid = keys().signing.kid) =>
    jwt.sign(claims(overrides), keys().signing.privateKey, { algorithm: 'ES256', keyid: kid });
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('accepts the genuine token (the baseline the attacks deviate from)', async () => {
    expect((await call('GET', '/api/v1/me', { token: validToken })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { token: signed() })).status).toBe(200);
  });

  const attacks: [string, () => string | Promise<string>][] = [
    ['alg: none', () => `${b64({ alg: 'none', typ: 'JWT', kid: keys().signing.kid })}.${b64(claims())}.`],
    [
      'HS256 signed with the public key as the secret',
      () =>
        jwt.sign(claims(), keys().signing.publicKey.export({ format: 'pem', type: 'spki' }).toString(), {
          algorithm: 'HS256',
          keyid: keys().signing.kid,
        }),
    ],
    ['an unknown kid', () => signed({}, 'not-our-key')],
    [
      'a foreign key under our kid',
      () =>
        jwt.sign(claims(), generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey, {
          algorithm: 'ES256',
          keyid: keys().signing.kid,
        }),
    ],
    ['a wrong issuer', () => signed({ iss: 'https://evil.example' })],
    ['a wrong audience', () => signed({ aud: 'another-api' })],
    ['an expired token', () => signed({ iat: now() - 3_600, exp: now() - 60 })],
    ['a token not valid yet (nbf)', () => signed({ nbf: now() + 600 })],
    ['a token issued in the future', () => signed({ iat: now() + 600, exp: now() + 1_200 })],
    ['a truncated token', () => validToken.slice(0, -12)],
    [
      'a token whose payload was edited',
      () => {
        const [header, , signature] = validToken.split('.');
        return `${header}.${b64(claims({ sub: '00000000-0000-7000-8000-000000000001' }))}.${signature}`;
      },
    ],
    ['garbage', () => 'not-a-jwt'],
  ];

  it.each(attacks)('refuses %s with 401 problem+json', async (_attack, forge) => {
    const answer = await call('GET', '/api/v1/me', { token: await forge() });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.headers.get('www-authenticate')).toContain('Bearer');
    expect(answer.body).toMatchObject({ status: 401, code: 'auth.invalid_token' });
  });

  it('refuses a missing or non-Bearer Authorization header', async () => {
    expect((await call('GET', '/api/v1/me')).status).toBe(401);
    const basic = await call('GET', '/api/v1/me', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    expect(basic.body.code).toBe('auth.invalid_token');
  });

  it('refuses X-User-ID naming someone else with 403', async () => {
    const answer = await call('GET', '/api/v1/me', {
      token: validToken,
      headers: { 'X-User-ID': '00000000-0000-7000-8000-000000000001' },
    });
    expect({ status: answer.status, code: answer.body.code }).toEqual({
      status: 403,
      code: 'auth.user_mismatch',
    });
  });

  it("refuses a valid token of a user who was deleted, once the API's account check expired", async () => {
    const other = await call('POST', '/api/v1/auth/register', {
      body: { email: 'gone@example.com', password: 'correct horse', handle: 'gone_soon' },
    });
    const token = other.body.access_token as string;
    expect((await call('GET', '/api/v1/me', { token })).status).toBe(200);
    await booted.rookery.infra.orm.em
      .fork()
      .execute('delete from users where id = ?', [(other.body.user as Json).id]);
    // Each API process trusts an account it saw exist for USER_CHECK_TTL_MS (ConfirmedUsers).
    await new Promise((r) => setTimeout(r, USER_CHECK_TTL_MS + 100));
    const answer = await call('GET', '/api/v1/me', { token });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'auth.invalid_token', status: 401 });
    // Its refresh token died with it (ON DELETE CASCADE).
    const refreshed = await call('POST', '/api/v1/auth/refresh', {
      body: { refresh_token: other.body.refresh_token },
    });
    expect(refreshed.status).toBe(401);
  });
});
