import cors from '@koa/cors';
import type { Middleware } from 'koa';

/** What a browser page may send and read beyond the CORS-safelisted set. */
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match', 'X-Request-ID'];
const EXPOSED_HEADERS = [
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
  'Location',
  'ETag',
  'Idempotent-Replayed',
  'X-Request-ID',
];

/**
 * Cross-origin calls from the configured browser origins only (`CORS_ORIGINS`, exact
 * matches, none by default). The API authenticates with a bearer token, never a cookie, so
 * credentials are not allowed and a page on another origin cannot ride on a session; an
 * origin not on the list gets no `Access-Control-*` header and the browser keeps the answer
 * from the page.
 */
export function crossOriginRequests(origins: readonly string[]): Middleware {
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    allowMethods: ALLOWED_METHODS,
    allowHeaders: ALLOWED_HEADERS,
    exposeHeaders: EXPOSED_HEADERS,
    credentials: false,
    keepHeadersOnError: true,
    maxAge: 600,
  });
}
