import { ContainerModule } from 'inversify';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Registry } from 'prom-client';
import { idempotent } from '#adapters/http/idempotency/idempotency.middleware.ts';
import type { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import { followsRouter } from '#adapters/http/social/follows.router.ts';
import { postsRouter } from '#adapters/http/social/posts.router.ts';
import { SocialPresenter } from '#adapters/http/social/social.presenters.ts';
import { PostgresIdempotencyStore } from '#adapters/postgres/idempotency/postgres-idempotency-store.ts';
import { PostgresFollowViews } from '#adapters/postgres/social/postgres-follow-views.ts';
import { PostgresFollowRepository } from '#adapters/postgres/social/postgres-follow.repository.ts';
import { PostgresLikeRepository } from '#adapters/postgres/social/postgres-like.repository.ts';
import { PostgresPostViews } from '#adapters/postgres/social/postgres-post-views.ts';
import { PostgresPostRepository } from '#adapters/postgres/social/postgres-post.repository.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { IdempotencyStore } from '#application/idempotency/idempotency-store.ts';
import { Clock } from '#application/shared/clock.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { IdGenerator } from '#application/shared/id-generator.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { CreatePost } from '#application/social/create-post.use-case.ts';
import { FollowRepository } from '#application/social/follow.repository.ts';
import { FollowUser } from '#application/social/follow-user.use-case.ts';
import { GetPost } from '#application/social/get-post.use-case.ts';
import { LikePost } from '#application/social/like-post.use-case.ts';
import { LikeRepository } from '#application/social/like.repository.ts';
import { ListFollows } from '#application/social/list-follows.use-case.ts';
import { ListUserPosts } from '#application/social/list-user-posts.use-case.ts';
import { PostRepository } from '#application/social/post.repository.ts';
import { FollowViews, PostViews } from '#application/social/social.views.ts';
import { UnfollowUser } from '#application/social/unfollow-user.use-case.ts';
import { UnlikePost } from '#application/social/unlike-post.use-case.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import type { Config } from '../config/config.ts';
import { bindUseCase } from './bind-use-case.ts';
import { Tokens } from './tokens.ts';

/** Posts, likes, follows (commands and their read-side queries) and idempotency keys. */
export const socialModule = () =>
  new ContainerModule(({ bind }) => {
    const EM = [Tokens.EntityManager] as [symbol];
    bind<PostRepository>(PostRepository).toResolvedValue(
      (em: SqlEntityManager) => new PostgresPostRepository(em),
      EM,
    );
    bind<LikeRepository>(LikeRepository).toResolvedValue(
      (em: SqlEntityManager) => new PostgresLikeRepository(em),
      EM,
    );
    bind<FollowRepository>(FollowRepository).toResolvedValue(
      (em: SqlEntityManager) => new PostgresFollowRepository(em),
      EM,
    );
    bind<PostViews>(PostViews).toResolvedValue((em: SqlEntityManager) => new PostgresPostViews(em), EM);
    bind<FollowViews>(FollowViews).toResolvedValue((em: SqlEntityManager) => new PostgresFollowViews(em), EM);
    bind<IdempotencyStore>(IdempotencyStore).toResolvedValue(
      (em: SqlEntityManager) => new PostgresIdempotencyStore(em),
      EM,
    );

    const writes = [UnitOfWork, EventPublisher] as const;
    bindUseCase(
      bind,
      CreatePost,
      (u: UnitOfWork, e: EventPublisher, p: PostRepository, i: IdGenerator, c: Clock) =>
        new CreatePost(u, p, e, i, c),
      [...writes, PostRepository, IdGenerator, Clock],
    );
    bindUseCase(
      bind,
      LikePost,
      (u: UnitOfWork, e: EventPublisher, p: PostRepository, l: LikeRepository, c: Clock) =>
        new LikePost(u, p, l, e, c),
      [...writes, PostRepository, LikeRepository, Clock],
    );
    bindUseCase(
      bind,
      UnlikePost,
      (u: UnitOfWork, e: EventPublisher, p: PostRepository, l: LikeRepository, c: Clock) =>
        new UnlikePost(u, p, l, e, c),
      [...writes, PostRepository, LikeRepository, Clock],
    );
    bindUseCase(
      bind,
      FollowUser,
      (u: UnitOfWork, e: EventPublisher, r: UserRepository, f: FollowRepository, c: Clock) =>
        new FollowUser(u, r, f, e, c),
      [...writes, UserRepository, FollowRepository, Clock],
    );
    bindUseCase(
      bind,
      UnfollowUser,
      (u: UnitOfWork, e: EventPublisher, r: UserRepository, f: FollowRepository, c: Clock) =>
        new UnfollowUser(u, r, f, e, c),
      [...writes, UserRepository, FollowRepository, Clock],
    );
    bindUseCase(bind, GetPost, (v: PostViews) => new GetPost(v), [PostViews]);
    bindUseCase(bind, ListUserPosts, (r: UserRepository, v: PostViews) => new ListUserPosts(r, v), [
      UserRepository,
      PostViews,
    ]);
    bindUseCase(bind, ListFollows, (r: UserRepository, v: FollowViews) => new ListFollows(r, v), [
      UserRepository,
      FollowViews,
    ]);

    bind<Middleware>(Tokens.Idempotent).toResolvedValue(
      (
        store: IdempotencyStore,
        unitOfWork: UnitOfWork,
        clock: Clock,
        ids: IdGenerator,
        logger: Logger,
        metrics: Registry,
        config: Config,
      ) =>
        idempotent({
          store,
          unitOfWork,
          clock,
          ids,
          logger: logger.child({ component: 'idempotency' }),
          metrics,
          ttlMs: config.idempotency.keyTtlMs,
        }),
      [IdempotencyStore, UnitOfWork, Clock, IdGenerator, Tokens.Logger, Tokens.Metrics, Tokens.Config],
    );
    bind(SocialPresenter).toResolvedValue(
      (config: Config) => new SocialPresenter(config.http.publicUrl),
      [Tokens.Config],
    );
    bind<Router>(Tokens.ApiRouters).toResolvedValue(
      (
        createPost: CreatePost,
        getPost: GetPost,
        likePost: LikePost,
        unlikePost: UnlikePost,
        listUserPosts: ListUserPosts,
        requireUser: Middleware,
        idempotentMiddleware: Middleware,
        presenter: SocialPresenter,
        docs: ApiDocs,
      ) =>
        postsRouter({
          createPost,
          getPost,
          likePost,
          unlikePost,
          listUserPosts,
          requireUser,
          idempotent: idempotentMiddleware,
          presenter,
          docs,
        }),
      [
        CreatePost,
        GetPost,
        LikePost,
        UnlikePost,
        ListUserPosts,
        Tokens.RequireUser,
        Tokens.Idempotent,
        SocialPresenter,
        Tokens.ApiDocs,
      ],
    );
    bind<Router>(Tokens.ApiRouters).toResolvedValue(
      (
        followUser: FollowUser,
        unfollowUser: UnfollowUser,
        listFollows: ListFollows,
        requireUser: Middleware,
        presenter: SocialPresenter,
        docs: ApiDocs,
      ) => followsRouter({ followUser, unfollowUser, listFollows, requireUser, presenter, docs }),
      [FollowUser, UnfollowUser, ListFollows, Tokens.RequireUser, SocialPresenter, Tokens.ApiDocs],
    );
  });
