import type { Middleware } from 'koa';
import type { Logger } from '../../telemetry/logger.ts';

/** One JSON line per request, after the response is decided (errors included). */
export function accessLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const log: Logger = ctx.state.log ?? logger;
      const status = ctx.status;
      const entry = {
        method: ctx.method,
        path: ctx.path,
        route: ctx._matchedRoute?.toString(),
        status,
        duration_ms: Math.round((performance.now() - started) * 100) / 100,
        ip: ctx.ip,
        user_agent: ctx.get('User-Agent') || undefined,
      };
      if (status >= 500) log.error(entry, 'request');
      else if (ctx.path === '/health' || ctx.path === '/ready' || ctx.path === '/metrics')
        log.debug(entry, 'request');
      else log.info(entry, 'request');
    }
  };
}
