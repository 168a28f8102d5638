import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../../telemetry/logger.ts';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Correlates everything a request causes: reuses a sane inbound `X-Request-ID` (from a
 * proxy), otherwise makes one, echoes it, and gives the request its own child logger.
 */
export function requestId(logger: Logger): Middleware {
  return async (ctx, next) => {
    const inbound = ctx.get('X-Request-ID');
    const id = ACCEPTABLE.test(inbound) ? inbound : randomUUID();
    ctx.state.requestId = id;
    ctx.state.log = logger.child({ request_id: id });
    ctx.set('X-Request-ID', id);
    await next();
  };
}
