import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import type { ServedImage } from '#application/avatars/avatar-image-source.ts';
import { mimeTypeOf } from '#domain/avatars/image-format.ts';

/**
 * RFC 9110 §13.1.2 (weak comparison, `*`, lists). Not Koa's `ctx.fresh`: it treats a request
 * carrying `Cache-Control: no-cache` (which fetch adds to every conditional request) as stale,
 * but an origin server answers the condition whatever the client's cache directives say.
 */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends image bytes with a strong ETag (a hash of exactly these bytes) and answers 304 when
 * `If-None-Match` already names them. Images may be embedded by any site, hence the
 * cross-origin resource policy; one still being processed must be revalidated.
 */
export function sendImage(ctx: Context, image: ServedImage, cacheControl: string): void {
  const etag = `"${createHash('sha256').update(image.bytes).digest('base64url').slice(0, 43)}"`;
  ctx.status = 200;
  ctx.type = mimeTypeOf(image.format);
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', image.final ? cacheControl : 'public, no-cache');
  ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    if (matches(ctx.get('If-None-Match'), etag)) {
      ctx.status = 304;
      return;
    }
  }
  ctx.body = Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength);
}
