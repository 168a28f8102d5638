import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { verifyIdToken } from '#adapters/identity/oidc/id-token-verifier.ts';
import { OidcIssuer } from '#adapters/identity/oidc/oidc-issuer.ts';
import { SsoSignInRefused } from '#domain/identity/identity.errors.ts';

const ISSUER = 'https://id.example/realms/rookery';
const now = 1_800_000_000;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** A provider answering discovery and JWKS from memory, counting JWKS fetches. */
function provider(keys: { key: KeyObject; kid: string }[] = [{ key: publicKey, kid: 'k1' }]) {
  let jwksFetches = 0;
  const fetchImpl = (async (url: string) => {
    if (url.endsWith('/.well-known/openid-configuration')) {
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/certs`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    jwksFetches++;
    return Response.json({
      keys: keys.map((k) => ({ ...k.key.export({ format: 'jwk' }), kid: k.kid, use: 'sig' })),
    });
  }) as typeof fetch;
  return { issuer: new OidcIssuer(ISSUER, fetchImpl), fetches: () => jwksFetches };
}

const claims = (overrides: Record<string, unknown> = {}) =>
  Object.fromEntries(
    Object.entries({
      iss: ISSUER,
      aud: 'rookery',
      sub: 'sub-1',
      iat: now,
      exp: now + 300,
      nonce: 'n-1',
      ...overrides,
    })
      // an `undefined` override removes the claim
      .filter(([, value]) => value !== undefined),
  );
const sign = (
  overrides: Record<string, unknown> = {},
  key: KeyObject | string = privateKey,
  options: jwt.SignOptions = {},
) => jwt.sign(claims(overrides), key, { algorithm: 'RS256', keyid: 'k1', ...options });
const expected = { clientId: 'rookery', nonce: 'n-1', nowSeconds: now };

describe('verifyIdToken', () => {
  it('accepts a token signed with the provider key, for us, with our nonce', async () => {
    const verified = await verifyIdToken(sign(), provider().issuer, expected);
    expect(verified).toMatchObject({ sub: 'sub-1', iss: ISSUER });
  });

  it.each([
    ['a foreign key', () => sign({}, stranger)],
    ['another issuer', () => sign({ iss: 'https://evil.example' })],
    ['another audience', () => sign({ aud: 'someone-else' })],
    [
      'several audiences without us as authorised party',
      () => sign({ aud: ['rookery', 'other'], azp: 'other' }),
    ],
    ['another nonce', () => sign({ nonce: 'n-2' })],
    ['no nonce', () => sign({ nonce: undefined })],
    ['an expired token', () => sign({ iat: now - 900, exp: now - 120 })],
    ['a token without expiry', () => sign({ exp: undefined })],
    ['a token not valid yet', () => sign({ nbf: now + 600 })],
    [
      'HS256 with the public key as secret',
      () => sign({}, publicKey.export({ format: 'pem', type: 'spki' }).toString(), { algorithm: 'HS256' }),
    ],
    [
      'alg none',
      () =>
        `${Buffer.from('{"alg":"none","kid":"k1"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`,
    ],
    ['garbage', () => 'not-a-token'],
  ])('refuses %s', async (_case, token) => {
    await expect(verifyIdToken(token(), provider().issuer, expected)).rejects.toBeInstanceOf(
      SsoSignInRefused,
    );
  });

  it('fetches the key set again when the provider rotated, but not on every forged kid', async () => {
    const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const p = provider([{ key: rotated.publicKey, kid: 'k2' }]);
    const token = jwt.sign(claims(), rotated.privateKey, { algorithm: 'RS256', keyid: 'k2' });
    await expect(verifyIdToken(token, p.issuer, expected)).resolves.toMatchObject({ sub: 'sub-1' });
    for (let i = 0; i < 5; i++) {
      const forged = jwt.sign(claims(), stranger, { algorithm: 'RS256', keyid: `forged-${i}` });
      await expect(verifyIdToken(forged, p.issuer, expected)).rejects.toBeInstanceOf(SsoSignInRefused);
    }
    expect(p.fetches()).toBe(1);
  });
});
