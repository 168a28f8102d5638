import Router from '@koa/router';
import type { Registry } from 'prom-client';
import type { CheckReadiness } from '#application/operations/check-readiness.use-case.ts';

/** Liveness, readiness and metrics: public, cheap, and never behind rate limits or auth. */
export function operationsRouter(checkReadiness: CheckReadiness, metrics: Registry): Router {
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', async (ctx) => {
    const readiness = await checkReadiness.execute();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = readiness.ready ? 200 : 503;
    ctx.body = { status: readiness.ready ? 'ready' : 'not_ready', components: readiness.components };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.contentType;
    ctx.body = await metrics.metrics();
  });
  return router;
}
