import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { generateKey } from '#adapters/identity/key-ring.ts';
import {
  apiClient,
  bootRookery,
  identityModes,
  type BootedRookery,
  type Json,
} from '../../support/identity-api.ts';

type Jwk = JsonWebKey & { kid: string };

/** Members that only a private key has (RFC 7518 §6.2.2, §6.3.2, §6.4). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * `GET /.well-known/jwks.json` against a booted API holding two keys (the signing one and
 * one kept from before a rotation): what a gateway or another service verifies tokens with.
 */
for (const [mode, full] of identityModes) {
  describe(`the published key set, ${mode}`, () => {
    let booted: BootedRookery;
    let keysDir: string;
    let kids: { old: string; signing: string };
    let call: ReturnType<typeof apiClient>;
    beforeAll(async () => {
      keysDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-jwks-'));
      kids = { old: await generateKey(keysDir), signing: await generateKey(keysDir) };
      booted = await bootRookery(full, { JWT_KEYS_DIR: keysDir, JWT_SIGNING_KEY_ID: kids.signing });
      call = apiClient(booted.rookery.url);
    }, 60_000);
    afterAll(async () => {
      await booted?.stop();
      await rm(keysDir, { recursive: true, force: true });
    });

    const jwks = async () => {
      const response = await fetch(`${booted.rookery.url}/.well-known/jwks.json`);
      return {
        response,
        text: await response.clone().text(),
        body: (await response.json()) as { keys: Jwk[] },
      };
    };
    const privateJwk = async (kid: string) =>
      createPrivateKey(await readFile(path.join(keysDir, `${kid}.pem`), 'utf8')).export({ format: 'jwk' });

    it('publishes the public half of every key in the ring, cacheable, and nothing private', async () => {
      const { response, text, body } = await jwks();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/); // RFC 7517 §8.5
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(body.keys.map((k) => k.kid).sort()).toEqual([kids.old, kids.signing].sort());
      for (const key of body.keys) {
        expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
        expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256' });
        for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);
        // The public point is the one of the private key on disk; its secret scalar appears nowhere.
        const secret = await privateJwk(key.kid);
        expect([key.x, key.y]).toEqual([secret.x, secret.y]);
        expect(text).not.toContain(secret.d);
      }
    });

    it('verifies a token the API issued with a standard verifier and the published key', async () => {
      const registered = await call('POST', '/api/v1/auth/register', {
        body: {
          email: `jwks-${full ? 'full' : 'embedded'}@example.com`,
          password: 'correct horse',
          handle: 'jwks',
        },
      });
      expect(registered.status).toBe(201);
      const token = registered.body.access_token as string;
      const { header } = jwt.decode(token, { complete: true })!;
      expect(header).toMatchObject({ alg: 'ES256', kid: kids.signing });

      const { body } = await jwks();
      const publicKeyOf = (kid: string) =>
        createPublicKey({ key: body.keys.find((k) => k.kid === kid)!, format: 'jwk' });
      const { issuer, audience } = booted.rookery.config.auth;
      const claims = jwt.verify(token, publicKeyOf(header.kid!), { algorithms: ['ES256'], issuer, audience });
      expect(claims).toMatchObject({ sub: (registered.body.user as Json).id, iss: issuer, aud: audience });
      // The other published key does not verify it: the set really holds distinct keys.
      expect(() => jwt.verify(token, publicKeyOf(kids.old), { algorithms: ['ES256'] })).toThrow(
        /invalid signature/,
      );
    });

    it('is described in the OpenAPI document', async () => {
      const document = (await call('GET', '/api/docs/openapi.json')).body as { paths: Record<string, Json> };
      const route = document.paths['/.well-known/jwks.json']?.get as Json | undefined;
      expect(route).toMatchObject({ tags: ['Auth'], operationId: 'getJwks', security: [] });
      expect(JSON.stringify(route)).toContain('"ES256"');
    });
  });
}
