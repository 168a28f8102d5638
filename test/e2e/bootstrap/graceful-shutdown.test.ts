import { describe, expect, it } from '@jest/globals';
import Router from '@koa/router';
import { ContainerModule } from 'inversify';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery } from '#bootstrap/runtime.ts';
import { testConfig } from '../../support/test-config.ts';

function slowRouter(onStarted: () => void): Router {
  const router = new Router();
  router.get('/slow', async (ctx) => {
    onStarted();
    await new Promise((r) => setTimeout(r, 700));
    ctx.body = { finished: true };
  });
  return router;
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new connections, then closes the pools', async () => {
    let started!: () => void;
    const requestStarted = new Promise<void>((r) => (started = r));
    const rookery = await startRookery(['api'], {
      config: testConfig({ DATA_DIR: '/tmp/rookery-e2e-shutdown' }),
      modules: [
        new ContainerModule(({ bind }) => void bind(Tokens.ApiRouters).toConstantValue(slowRouter(started))),
      ],
    });

    const inFlight = fetch(`${rookery.url}/slow`);
    await requestStarted;
    const stopped = rookery.stop();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await expect(fetch(`${rookery.url}/health`)).rejects.toThrow();
    await stopped;
    await expect(rookery.infra.orm.isConnected()).resolves.toBe(false);
  });
});
