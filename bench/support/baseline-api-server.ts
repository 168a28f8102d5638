/**
 * The real API (`startRookery(['api'])`, configured from the environment) plus one baseline
 * route, `GET /bench/authenticated`: requireUser and nothing else, the ceiling of any
 * authenticated route on this machine. Run as a child process by benchmarks, so that the
 * load generator does not share the server's event loop; prints `BENCH_READY <url>`.
 */
import 'reflect-metadata';
import Router from '@koa/router';
import { ContainerModule } from 'inversify';
import type { Middleware } from 'koa';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery } from '#bootstrap/runtime.ts';

const baseline = new ContainerModule(({ bind }) => {
  bind<Router>(Tokens.ApiRouters).toResolvedValue(
    (requireUser: Middleware) => {
      const router = new Router();
      router.get('/bench/authenticated', requireUser, (ctx) => {
        ctx.status = 204;
      });
      return router;
    },
    [Tokens.RequireUser],
  );
});

const rookery = await startRookery(['api'], { modules: [baseline] });
process.stdout.write(`BENCH_READY ${rookery.url}\n`);
const stop = () => void rookery.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
