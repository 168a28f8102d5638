import Router from '@koa/router';
import type { Registry } from 'prom-client';
import type { CheckLiveness } from '#application/operations/check-liveness.use-case.ts';
import type { CheckReadiness } from '#application/operations/check-readiness.use-case.ts';
import type { Draining } from './draining.ts';

/** Liveness, readiness and metrics: public, cheap, and never behind rate limits or auth. */
export function operationsRouter(
  checkLiveness: CheckLiveness,
  checkReadiness: CheckReadiness,
  draining: Draining,
  metrics: Registry,
): Router {
  const router = new Router();
  // Liveness: only what a restart would cure (this process stuck), never a dependency.
  router.get('/health', (ctx) => {
    const liveness = checkLiveness.execute();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = liveness.alive ? 200 : 503;
    ctx.body = { status: liveness.alive ? 'ok' : 'stalled', checks: liveness.checks };
  });
  router.get('/ready', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    if (draining.active) {
      ctx.status = 503;
      ctx.body = { status: 'draining', components: {} };
      return;
    }
    const readiness = await checkReadiness.execute();
    ctx.status = readiness.ready ? 200 : 503;
    const status = !readiness.ready ? 'not_ready' : readiness.degraded ? 'degraded' : 'ready';
    ctx.body = { status, components: readiness.components };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.contentType;
    ctx.body = await metrics.metrics();
  });
  return router;
}
