import type { Middleware } from 'koa';
import type { Registry } from 'prom-client';
import { histogram } from '../../telemetry/metrics.ts';

/** Request duration by route template (never the raw path: ids would explode the series). */
export function httpMetrics(registry: Registry): Middleware {
  const duration = histogram(registry, {
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  return async (ctx, next) => {
    const end = duration.startTimer();
    try {
      await next();
    } finally {
      const route = ctx._matchedRoute ? ctx._matchedRoute.toString() : 'unmatched';
      end({ method: ctx.method, route, status_code: String(ctx.status) });
    }
  };
}
