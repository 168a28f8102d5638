import Router from '@koa/router';
import { z } from 'zod';
import type { KeyRing } from '../../identity/key-ring.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';

/** RFC 7517 key set; only public members (an EC P-256 key: `x`, `y`; never `d`). */
const JwksSchema = z.object({
  keys: z.array(
    z.object({
      kty: z.literal('EC'),
      crv: z.literal('P-256'),
      x: z.string().describe('base64url'),
      y: z.string().describe('base64url'),
      kid: z.string().describe('Matches the `kid` header of the tokens this key signed'),
      use: z.literal('sig'),
      alg: z.literal('ES256'),
    }),
  ),
});

/** Public keys that verify access tokens, for other services and API gateways. */
export function jwksRouter(keys: KeyRing, docs: ApiDocs): Router {
  const router = new Router();
  router.get('/.well-known/jwks.json', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'application/jwk-set+json'; // RFC 7517 §8.5
    ctx.body = keys.jwks();
  });
  docs.route({
    method: 'get',
    operationId: 'getJwks',
    path: '/.well-known/jwks.json',
    tags: ['Auth'],
    authenticated: false,
    summary: 'The public keys that verify access tokens (JWKS)',
    description:
      'Every key of the key ring, the signing one and those kept for tokens signed before a rotation. ' +
      'Verify with ES256, this issuer and audience; cached for 5 minutes.',
    responses: {
      200: { description: 'The key set', content: { 'application/jwk-set+json': { schema: JwksSchema } } },
      429: problems[429],
    },
  });
  return router;
}
