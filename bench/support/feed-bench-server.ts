/**
 * Rookery as the feed benchmark runs it (`startRookery(['api', 'worker'])`, or the roles in
 * BENCH_ROLES, configured from the environment) plus one baseline route, `GET /bench/bare?bytes=N`: a feed-shaped JSON body of
 * about N bytes through the same Koa stack, with no authentication and no data access (the ceiling
 * of this stack on this machine), and `GET /bench/authenticated?bytes=N`, the same behind
 * requireUser (token check and user lookup). A child process of the benchmark, so the load generator
 * does not share its event loop; prints `BENCH_READY <url> <consumer,…>`.
 */
import 'reflect-metadata';
import Router from '@koa/router';
import { ContainerModule } from 'inversify';
import type { Middleware } from 'koa';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery, type Role } from '#bootstrap/runtime.ts';

const bodies = new Map<number, object>();
/** A feed-shaped page (20 items) whose JSON is about `bytes` long; Koa serialises it per request, as for the feed. */
function bodyOf(bytes: number): object {
  let body = bodies.get(bytes);
  if (!body) {
    const page = (text: string) => ({
      items: Array.from({ length: 20 }, (_, i) => ({
        post: {
          id: `0193f5c2-7a1e-7c3d-9a4b-${String(i).padStart(12, '0')}`,
          text,
          author_id: '0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55',
          created_at: '2026-11-22T09:00:00.000Z',
        },
        author: {
          id: '0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55',
          handle: 'bench_author',
          display_name: 'Bench Author',
          avatar_url: null,
        },
        like_count: i,
        liked_by_me: false,
      })),
      next_cursor: 'WyIyMDI2LTExLTIyVDA5OjAwOjAwLjAwMFoiLCIwMTkzZjVjMi03YTFlIl0',
    });
    const empty = JSON.stringify(page('')).length;
    body = page('x'.repeat(Math.max(0, Math.round((bytes - empty) / 20))));
    bodies.set(bytes, body);
  }
  return body;
}

const bare = new ContainerModule(({ bind }) => {
  bind<Router>(Tokens.ApiRouters).toResolvedValue(
    (requireUser: Middleware) => {
      const router = new Router();
      // requireUser and the same body: what any authenticated route costs before its own work.
      router.get('/bench/authenticated', requireUser, (ctx) => {
        ctx.body = bodyOf(Math.min(1_000_000, Number(ctx.query.bytes ?? 1_000)));
      });
      return router;
    },
    [Tokens.RequireUser],
  );
  const router = new Router();
  router.get('/bench/bare', (ctx) => {
    ctx.body = bodyOf(Math.min(1_000_000, Number(ctx.query.bytes ?? 1_000)));
  });
  bind<Router>(Tokens.ApiRouters).toConstantValue(router);
});

const roles = (process.env.BENCH_ROLES ?? 'api,worker').split(',') as Role[];
const rookery = await startRookery(roles, { modules: [bare] });
// The consumers name the broker queues the benchmark deletes afterwards.
const consumers = rookery.container.get<DeadLetterStore>(DeadLetterStore).consumers;
process.stdout.write(`BENCH_READY ${rookery.url} ${consumers.join(',')}\n`);
const stop = () => void rookery.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
