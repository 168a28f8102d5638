import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { FollowUser } from '#application/social/follow-user.use-case.ts';
import type { ListFollows } from '#application/social/list-follows.use-case.ts';
import type { UnfollowUser } from '#application/social/unfollow-user.use-case.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import { decodeCursor } from '../keyset-cursor.ts';
import type { SocialPresenter } from './social.presenters.ts';
import { FollowPageSchema, IdParams, json, ListQuery } from './social.schemas.ts';

export interface FollowsRouterDeps {
  followUser: FollowUser;
  unfollowUser: UnfollowUser;
  listFollows: ListFollows;
  requireUser: Middleware;
  presenter: SocialPresenter;
  docs: ApiDocs;
}

/** The social graph: follow, unfollow, and the followers/following lists. */
export function followsRouter(d: FollowsRouterDeps): Router {
  const router = new Router({ prefix: '/api/v1/users' });

  router.put('/:id/follow', d.requireUser, async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'path');
    await d.followUser.execute({ followerId: ctx.state.userId, followeeId: id });
    ctx.status = 204;
  });

  router.delete('/:id/follow', d.requireUser, async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'path');
    await d.unfollowUser.execute({ followerId: ctx.state.userId, followeeId: id });
    ctx.status = 204;
  });

  for (const direction of ['followers', 'following'] as const) {
    router.get(`/:id/${direction}`, d.requireUser, async (ctx) => {
      const { id } = validate(IdParams, ctx.params, 'path');
      const { cursor, limit } = validate(ListQuery, ctx.query, 'query');
      const page = await d.listFollows.execute({
        userId: id,
        direction,
        page: { limit, after: decodeCursor(cursor) },
      });
      ctx.body = d.presenter.followPage(page);
    });
  }

  document(d.docs);
  return router;
}

function document(docs: ApiDocs): void {
  const tags = ['Social graph'];
  for (const [method, summary, operationId] of [
    ['put', 'Follow a user (idempotent)', 'followUser'],
    ['delete', 'Unfollow a user (idempotent)', 'unfollowUser'],
  ] as const) {
    docs.route({
      method,
      operationId,
      path: '/api/v1/users/{id}/follow',
      tags,
      summary,
      request: { params: IdParams },
      responses: {
        204: { description: 'Done (also when it already was).' },
        400: problems[400],
        401: problems[401],
        404: problems[404],
      },
    });
  }
  docs.route({
    method: 'get',
    operationId: 'listFollowers',
    path: '/api/v1/users/{id}/followers',
    tags,
    summary: 'Who follows the user, newest follow first',
    request: { params: IdParams, query: ListQuery },
    responses: {
      200: json('One page.', FollowPageSchema),
      400: problems[400],
      401: problems[401],
      404: problems[404],
    },
  });
  docs.route({
    method: 'get',
    operationId: 'listFollowing',
    path: '/api/v1/users/{id}/following',
    tags,
    summary: 'Whom the user follows, newest follow first',
    request: { params: IdParams, query: ListQuery },
    responses: {
      200: json('One page.', FollowPageSchema),
      400: problems[400],
      401: problems[401],
      404: problems[404],
    },
  });
}
