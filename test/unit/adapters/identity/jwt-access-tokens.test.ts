import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { InvalidAccessToken, JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { generateKey, KeyRing } from '#adapters/identity/key-ring.ts';
import { FixedClock } from '../../../support/fakes/fixed-clock.ts';

const settings = { issuer: 'https://rookery.test', audience: 'rookery', ttlSeconds: 900 };
const userId = '0193f5c2-7a1e-7000-8000-000000000001';

let dir: string;
let keys: KeyRing;
const clock = new FixedClock(new Date('2026-11-22T09:00:00Z'));
let tokens: JwtAccessTokens;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rookery-keys-'));
  keys = await KeyRing.load(dir, { generateIfEmpty: true });
  tokens = new JwtAccessTokens(keys, settings, clock);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const now = () => Math.floor(clock.now().getTime() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({
  sub: userId,
  iat: now(),
  exp: now() + 900,
  jti: 'j-1',
  iss: settings.issuer,
  aud: settings.audience,
  ...overrides,
});
const signed = (overrides: Record<string, unknown> = {}, kid = keys.signing.kid) =>
  jwt.sign(claims(overrides), keys.signing.privateKey, { algorithm: 'ES256', keyid: kid });
const rejects = (token: string, reason: RegExp) => {
  expect(() => tokens.verify(token)).toThrow(InvalidAccessToken);
  expect(() => tokens.verify(token)).toThrow(reason);
};

describe('access tokens', () => {
  it('carry sub, iat, exp, iss, aud, jti and a kid header, and verify back to their user', async () => {
    const { token, expiresIn } = await tokens.issue(userId);
    const decoded = jwt.decode(token, { complete: true })!;
    expect(decoded.header).toMatchObject({ alg: 'ES256', kid: keys.signing.kid, typ: 'JWT' });
    expect(decoded.payload).toMatchObject({
      sub: userId,
      iss: settings.issuer,
      aud: settings.audience,
      exp: now() + 900,
    });
    expect(typeof (decoded.payload as jwt.JwtPayload).jti).toBe('string');
    expect(expiresIn).toBe(900);
    expect(tokens.verify(token)).toMatchObject({ userId });
  });

  it('get a fresh id every time', async () => {
    const a = jwt.decode((await tokens.issue(userId)).token) as jwt.JwtPayload;
    const b = jwt.decode((await tokens.issue(userId)).token) as jwt.JwtPayload;
    expect(a.jti).not.toBe(b.jti);
  });
});

describe('forged and unusable tokens are refused', () => {
  it('alg: none', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: keys.signing.kid })).toString(
      'base64url',
    );
    const body = Buffer.from(JSON.stringify(claims())).toString('base64url');
    rejects(`${header}.${body}.`, /algorithm none/);
  });

  it('HS256 signed with the public key as the secret', () => {
    const secret = keys.signing.publicKey.export({ format: 'pem', type: 'spki' });
    rejects(jwt.sign(claims(), secret, { algorithm: 'HS256', keyid: keys.signing.kid }), /algorithm HS256/);
  });

  it('an unknown kid', () => rejects(signed({}, 'someone-elses-key'), /unknown signing key/));

  it('a key that is not ours, under our kid', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const forged = jwt.sign(claims(), privateKey, { algorithm: 'ES256', keyid: keys.signing.kid });
    rejects(forged, /invalid signature/);
  });

  it('a wrong issuer', () => rejects(signed({ iss: 'https://evil.test' }), /issuer invalid/));
  it('a wrong audience', () => rejects(signed({ aud: 'another-api' }), /audience invalid/));
  it('an expired token', () => rejects(signed({ iat: now() - 2000, exp: now() - 60 }), /expired/));
  it('a token that is not valid yet (nbf)', () =>
    rejects(signed({ nbf: now() + 600 }), /not active|not yet valid/));
  it('a token issued in the future', () =>
    rejects(signed({ iat: now() + 600, exp: now() + 1500 }), /not yet valid/));
  it('a truncated token', async () => {
    const { token } = await tokens.issue(userId);
    rejects(token.slice(0, token.length - 10), /signature|malformed/);
  });
  it('garbage', () => rejects('not.a.jwt', /malformed/));
  it('a token without a subject', () => rejects(signed({ sub: undefined }), /required claims/));
});

describe('verified tokens are remembered until they expire', () => {
  it('checks the signature of a token once, not on every request', async () => {
    const { token } = await tokens.issue(userId);
    const verify = jest.spyOn(jwt, 'verify');
    try {
      expect(tokens.verify(token).userId).toBe(userId);
      expect(tokens.verify(token).userId).toBe(userId);
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });

  it('still refuses a remembered token from the moment it expires (clock tolerance included)', async () => {
    const { token } = await tokens.issue(userId);
    expect(tokens.verify(token).userId).toBe(userId);
    clock.advance((900 + 4) * 1000);
    expect(tokens.verify(token).userId).toBe(userId);
    clock.advance(1_000);
    rejects(token, /expired/);
  });

  it('never remembers a refusal: a token not valid yet passes once its time has come', () => {
    const early = signed({ nbf: now() + 60 });
    rejects(early, /not active|not yet valid/);
    clock.advance(60_000);
    expect(tokens.verify(early).userId).toBe(userId);
  });
});

describe('key rotation', () => {
  it('keeps verifying tokens of an older key while the newest signs', async () => {
    const old = await tokens.issue(userId);
    await new Promise((r) => setTimeout(r, 20));
    const newKid = await generateKey(dir);
    const rotated = await KeyRing.load(dir, { generateIfEmpty: false });
    const afterRotation = new JwtAccessTokens(rotated, settings, clock);

    expect(rotated.signing.kid).toBe(newKid);
    expect(afterRotation.verify(old.token).userId).toBe(userId);
    const fresh = jwt.decode((await afterRotation.issue(userId)).token, { complete: true })!;
    expect(fresh.header.kid).toBe(newKid);
    expect(
      rotated
        .jwks()
        .keys.map((k) => k.kid)
        .sort(),
    ).toEqual([keys.signing.kid, newKid].sort());
    for (const jwk of rotated.jwks().keys) {
      expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(jwk).not.toHaveProperty('d'); // never the private part
      expect(createPublicKey({ key: jwk, format: 'jwk' }).asymmetricKeyType).toBe('ec');
    }
  });

  it('refuses to start without keys where it may not generate them', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'rookery-nokeys-'));
    await expect(KeyRing.load(empty, { generateIfEmpty: false })).rejects.toThrow(/No signing keys/);
    await rm(empty, { recursive: true, force: true });
  });
});
