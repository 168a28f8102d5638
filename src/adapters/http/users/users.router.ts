import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { GetUserProfile } from '#application/users/get-user-profile.use-case.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import type { UserPresenter } from './user.presenter.ts';
import { PublicProfileSchema, UserIdParams } from './user.schemas.ts';

/** Anyone's public profile. */
export function usersRouter(
  profile: GetUserProfile,
  deps: { requireUser: Middleware; users: UserPresenter; docs: ApiDocs },
): Router {
  const router = new Router();
  router.get('/api/v1/users/:id', deps.requireUser, async (ctx) => {
    const { id } = validate(UserIdParams, ctx.params, 'path');
    ctx.body = deps.users.publicProfile(await profile.execute({ userId: id }));
  });
  deps.docs.route({
    method: 'get',
    operationId: 'getUser',
    path: '/api/v1/users/{id}',
    tags: ['Users'],
    summary: "A user's public profile",
    request: { params: UserIdParams },
    responses: {
      200: { description: 'The profile', content: { 'application/json': { schema: PublicProfileSchema } } },
      400: problems[400],
      401: problems[401],
      404: problems[404],
    },
  });
  return router;
}
