import Router from '@koa/router';
import type { KeyRing } from '../../identity/key-ring.ts';

/** Public keys that verify access tokens, for other services and API gateways. */
export function jwksRouter(keys: KeyRing): Router {
  const router = new Router();
  router.get('/.well-known/jwks.json', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = keys.jwks();
  });
  return router;
}
