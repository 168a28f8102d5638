import type { Context, Middleware } from 'koa';
import { DomainError } from '#domain/shared/domain-error.ts';
import type { Logger } from '../../telemetry/logger.ts';
import { problem, problemFromDomainError, type Problem } from '../problem.ts';

/** Status codes raised by Koa, the router and the body parser, with the code clients see. */
const transportCodes: Record<number, string> = {
  400: 'request.malformed',
  404: 'route.not_found',
  405: 'route.method_not_allowed',
  406: 'request.not_acceptable',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  501: 'route.method_not_implemented',
};

/** RFC 9110's methods: known to HTTP, so a path that exists answers them with 405, not 501. */
const STANDARD_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

/**
 * The one place errors become responses: RFC 9457 `application/problem+json` for every
 * failure, expected or not. Unexpected errors are logged with their stack and answered
 * with a generic 500 that leaks nothing.
 */
export function problemDetails(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      // The router answers 404/405/501 by status alone; give those a problem body too.
      if (ctx.status >= 400 && (ctx.body === undefined || ctx.body === null)) {
        if (ctx.status === 501) unimplementedMethod(ctx);
        if (ctx.status === 404) ctx.throw(404, `No route for ${ctx.method} ${ctx.path}.`);
        ctx.throw(ctx.status);
      }
    } catch (error) {
      const body = toProblem(error);
      // 501 is the client's unknown method, not our fault: answered, not logged as a failure.
      if (body.status >= 500 && body.status !== 501) {
        (ctx.state.log ?? logger).error({ err: error }, 'request failed');
      }
      ctx.status = body.status;
      ctx.type = 'application/problem+json';
      ctx.body = { ...body, instance: ctx.path, request_id: ctx.state.requestId };
      if (body.status === 401) ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      const expected = expectedFailure(error);
      if (expected && typeof expected.details.retry_after === 'number') {
        ctx.set('Retry-After', String(expected.details.retry_after));
      }
    }
  };
}

/**
 * The router says 501 to any method no route declares (TRACE, PROPFIND…), whatever the
 * path. RFC 9110 keeps 501 for methods the server does not recognise: a standard one is
 * 405 with `Allow` where the path exists, 404 where it does not.
 */
function unimplementedMethod(ctx: Context): never {
  const method = ctx.method.toUpperCase();
  if (!STANDARD_METHODS.has(method)) ctx.throw(501, `${method} is not a method this API implements.`);
  if (ctx.response.get('Allow')) ctx.throw(405, `${method} is not allowed on ${ctx.path}.`);
  ctx.remove('Allow');
  ctx.throw(404, `No route for ${method} ${ctx.path}.`);
}

/**
 * The expected failure an error is or was caused by: drivers wrap what their hooks throw
 * (MikroORM re-wraps a pool's `DatabaseUnavailable`), so the typed error travels as `cause`.
 */
function expectedFailure(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof DomainError ? cause : undefined;
}

function toProblem(error: unknown): Problem {
  const expected = expectedFailure(error);
  if (expected) return problemFromDomainError(expected);
  const status = httpStatusOf(error);
  if (status === 501) return problem(501, transportCodes[501]!, exposedMessage(error, 501));
  if (status !== undefined && status >= 400 && status < 500) {
    const code = transportCodes[status] ?? 'request.rejected';
    const detail = status === 413 ? 'The request body is too large.' : exposedMessage(error, status);
    return problem(status, code, detail);
  }
  return problem(500, 'internal', 'An unexpected error occurred. It has been logged.');
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  return typeof candidate === 'number' ? candidate : undefined;
}

function exposedMessage(error: unknown, status: number): string {
  const { expose, message } = error as { expose?: boolean; message?: string };
  if (status === 400 && /JSON|Unexpected token|parse/i.test(message ?? ''))
    return 'The request body is not valid JSON.';
  return expose && message ? message : 'The request was rejected.';
}
