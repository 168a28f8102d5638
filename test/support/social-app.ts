import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Router from '@koa/router';
import { RequestContext } from '@mikro-orm/core';
import type { Middleware } from 'koa';
import { Registry } from 'prom-client';
import { requireUser } from '#adapters/http/identity/require-user.middleware.ts';
import { idempotent } from '#adapters/http/idempotency/idempotency.middleware.ts';
import { createHttpApp } from '#adapters/http/koa-app.ts';
import { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import { followsRouter } from '#adapters/http/social/follows.router.ts';
import { postsRouter } from '#adapters/http/social/posts.router.ts';
import { SocialPresenter } from '#adapters/http/social/social.presenters.ts';
import { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { KeyRing } from '#adapters/identity/key-ring.ts';
import { PostgresIdempotencyStore } from '#adapters/postgres/idempotency/postgres-idempotency-store.ts';
import { PostgresOutboxEventPublisher } from '#adapters/postgres/messaging/postgres-outbox-event-publisher.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresFollowViews } from '#adapters/postgres/social/postgres-follow-views.ts';
import { PostgresFollowRepository } from '#adapters/postgres/social/postgres-follow.repository.ts';
import { PostgresLikeRepository } from '#adapters/postgres/social/postgres-like.repository.ts';
import { PostgresPostViews } from '#adapters/postgres/social/postgres-post-views.ts';
import { PostgresPostRepository } from '#adapters/postgres/social/postgres-post.repository.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import type { Clock } from '#application/shared/clock.ts';
import { CreatePost } from '#application/social/create-post.use-case.ts';
import { FollowUser } from '#application/social/follow-user.use-case.ts';
import { GetPost } from '#application/social/get-post.use-case.ts';
import { LikePost } from '#application/social/like-post.use-case.ts';
import { ListFollows } from '#application/social/list-follows.use-case.ts';
import { ListUserPosts } from '#application/social/list-user-posts.use-case.ts';
import { UnfollowUser } from '#application/social/unfollow-user.use-case.ts';
import { UnlikePost } from '#application/social/unlike-post.use-case.ts';
import type { User } from '#domain/users/user.entity.ts';
import { aUser } from './builders/user.builder.ts';
import { captureLogger } from './capture-logger.ts';
import type { OpenedTestDatabase } from './databases.ts';
import { FixedClock } from './fakes/fixed-clock.ts';
import { serve } from './http.ts';

export interface SocialAppOptions {
  clock?: Clock;
  ttlMs?: number;
  sweepIntervalMs?: number;
  /** More routes for the test, given the middleware they may need. */
  extraRouters?: (m: { requireUser: Middleware; idempotent: Middleware; createPost: CreatePost }) => Router[];
}

/**
 * The social routes over HTTP on a real database, wired as the container wires them
 * (real access tokens, requireUser, idempotency, outbox), without booting the rest.
 */
export async function socialApp(db: OpenedTestDatabase, options: SocialAppOptions = {}) {
  const em = db.orm.em;
  const clock = options.clock ?? new FixedClock(new Date());
  const ids = new UuidV7IdGenerator();
  const keysDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-keys-'));
  const keys = await KeyRing.load(keysDir, { generateIfEmpty: true });
  const tokens = new JwtAccessTokens(
    keys,
    { issuer: 'http://test', audience: 'rookery', ttlSeconds: 3600 },
    {
      now: () => new Date(),
    },
  );
  const { logger, lines } = captureLogger('info');
  const unitOfWork = new PostgresUnitOfWork(em);
  const users = new PostgresUserRepository(em);
  const posts = new PostgresPostRepository(em);
  const likes = new PostgresLikeRepository(em);
  const follows = new PostgresFollowRepository(em);
  const events = new PostgresOutboxEventPublisher(em, ids);
  const store = new PostgresIdempotencyStore(em);
  const auth = requireUser(tokens, users);
  const metrics = new Registry();
  const idempotency = idempotent({
    metrics,
    store,
    unitOfWork,
    clock,
    ids,
    logger,
    ttlMs: options.ttlMs ?? 24 * 3_600_000,
    ...(options.sweepIntervalMs !== undefined ? { sweepIntervalMs: options.sweepIntervalMs } : {}),
  });
  const createPost = new CreatePost(unitOfWork, posts, events, ids, clock);
  const presenter = new SocialPresenter('http://rookery.test');
  const docs = new ApiDocs();
  const routers = [
    postsRouter({
      createPost,
      getPost: new GetPost(new PostgresPostViews(em)),
      likePost: new LikePost(unitOfWork, posts, likes, events, clock),
      unlikePost: new UnlikePost(unitOfWork, posts, likes, events, clock),
      listUserPosts: new ListUserPosts(users, new PostgresPostViews(em)),
      requireUser: auth,
      idempotent: idempotency,
      presenter,
      docs,
    }),
    followsRouter({
      followUser: new FollowUser(unitOfWork, users, follows, events, clock),
      unfollowUser: new UnfollowUser(unitOfWork, users, follows, events, clock),
      listFollows: new ListFollows(users, new PostgresFollowViews(em)),
      requireUser: auth,
      presenter,
      docs,
    }),
    ...(options.extraRouters?.({ requireUser: auth, idempotent: idempotency, createPost }) ?? []),
  ];
  const server = await serve(
    createHttpApp({
      logger,
      metrics,
      routers,
      jsonLimitKb: 64,
      trustProxy: false,
      requestScope: (work) => RequestContext.create(em, work),
    }),
  );

  /** A registered user and a Bearer header for them. */
  async function signedUp(): Promise<{ user: User; auth: Record<string, string> }> {
    const user = aUser();
    await unitOfWork.transaction(() => users.add(user));
    return { user, auth: { Authorization: `Bearer ${(await tokens.issue(user.id)).token}` } };
  }

  return {
    url: server.url,
    store,
    logs: lines,
    metrics,
    signedUp,
    async count(sql: string, params: unknown[] = []): Promise<number> {
      const [row] = await em.fork().execute<{ n: number | string }[]>(sql, params);
      return Number(row!.n);
    },
    async close() {
      await server.close();
      await rm(keysDir, { recursive: true, force: true });
    },
  };
}

export type SocialApp = Awaited<ReturnType<typeof socialApp>>;
