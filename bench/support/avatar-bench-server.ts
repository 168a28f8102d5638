/**
 * The server side of `npm run bench:avatars`: the real API, plus the worker unless
 * `BENCH_ROLES=api` (configured from the environment), with two bench-only routes —
 * `POST /bench/multipart-sink` (requireUser and the avatar multipart parser, then nothing: the
 * baseline of an upload) and `GET /bench/avatar-timings` (when each avatar became ready) — and
 * one user to upload as. Prints `BENCH_READY <url> <access token>`.
 */
import 'reflect-metadata';
import Router from '@koa/router';
import { ContainerModule } from 'inversify';
import type { Middleware } from 'koa';
import { avatarUpload } from '#adapters/http/avatars/avatar-upload.middleware.ts';
import type { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import type { Orm } from '#adapters/postgres/database.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery, type Role } from '#bootstrap/runtime.ts';
import { User } from '#domain/users/user.entity.ts';

const bench = new ContainerModule(({ bind }) => {
  bind<Router>(Tokens.ApiRouters).toResolvedValue(
    (requireUser: Middleware, orm: Orm) => {
      const router = new Router();
      router.post('/bench/multipart-sink', requireUser, avatarUpload(), (ctx) => {
        ctx.status = 204;
      });
      router.get('/bench/avatar-timings', async (ctx) => {
        ctx.body = await orm.em.fork().execute('select id, status, updated_at from avatars');
      });
      return router;
    },
    [Tokens.RequireUser, Tokens.Orm],
  );
});

const roles = (process.env.BENCH_ROLES ?? 'api,worker').split(',') as Role[];
const rookery = await startRookery(roles, { modules: [bench] });
const user = User.register({
  id: crypto.randomUUID(),
  email: `bench-${Date.now()}@example.com`,
  handle: `bench_${Date.now()}`,
  passwordHash: null,
  at: new Date(),
});
await rookery.container
  .get<UnitOfWork>(UnitOfWork)
  .transaction(() => rookery.container.get<UserRepository>(UserRepository).add(user));
const { token } = await rookery.container.get<JwtAccessTokens>(Tokens.AccessTokens).issue(user.id);
process.stdout.write(`BENCH_READY ${rookery.url} ${token}\n`);
const stop = () => void rookery.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
