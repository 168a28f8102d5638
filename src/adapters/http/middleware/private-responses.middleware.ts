import type { Middleware } from 'koa';

/**
 * A response to a request that carries credentials depends on who asked (`/me`, `/tasks`,
 * …), so no cache on the way — a proxy, a CDN, the browser's disk — may keep it:
 * `Cache-Control: no-store`, unless the route chose its own policy (public avatar
 * renditions are the same for everyone and stay `public, immutable`). Errors included.
 */
export function privateResponses(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      if (ctx.get('Authorization') && !ctx.response.get('Cache-Control')) {
        ctx.set('Cache-Control', 'no-store');
      }
    }
  };
}
