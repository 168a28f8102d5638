import type { Middleware } from 'koa';
import { DomainError } from '#domain/shared/domain-error.ts';

class JsonBodyRequired extends DomainError {
  constructor(received: string) {
    super(
      'request.unsupported_media_type',
      'unsupported',
      `Send the body as application/json (received ${received || 'no Content-Type'}).`,
      { accepted: ['application/json'] },
    );
  }
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The one API route that takes something other than JSON: the avatar upload (multipart). */
const MULTIPART = /^\/api\/v1\/avatars\/?$/;
/** Mail clients post `List-Unsubscribe=One-Click` as a form (RFC 8058); the route ignores the body. */
const ANY_BODY = /^\/api\/v1\/digest\/unsubscribe\/?$/;

/**
 * A body the API would not read is refused with 415, not parsed as empty and then reported
 * as missing fields (400): the client learns what is wrong with the request, not with its
 * data. Empty bodies (no Content-Length or 0, no Transfer-Encoding: a like, a follow) pass
 * whatever their type.
 */
export function jsonBodyRequired(): Middleware {
  return async (ctx, next) => {
    const hasBody = (ctx.request.length ?? 0) > 0 || ctx.get('Transfer-Encoding') !== '';
    if (hasBody && WITH_BODY.has(ctx.method) && ctx.path.startsWith('/api/') && !ANY_BODY.test(ctx.path)) {
      const multipartAllowed = ctx.method === 'POST' && MULTIPART.test(ctx.path);
      const accepted = ctx.is('json') || (multipartAllowed && ctx.is('multipart'));
      if (!accepted) throw new JsonBodyRequired(ctx.get('Content-Type'));
    }
    await next();
  };
}
