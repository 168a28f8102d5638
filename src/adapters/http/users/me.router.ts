import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { ChangePassword } from '#application/identity/change-password.use-case.ts';
import type { GetUserProfile } from '#application/users/get-user-profile.use-case.ts';
import type { UpdateMyProfile } from '#application/users/update-my-profile.use-case.ts';
import { respondWithSession, SessionSchema } from '../identity/session.schemas.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import type { UserPresenter } from './user.presenter.ts';
import { OwnProfileSchema, UpdateMeBody } from './user.schemas.ts';

export interface MeUseCases {
  profile: GetUserProfile;
  update: UpdateMyProfile;
  changePassword: ChangePassword;
}

const ChangePasswordBody = z
  .object({ current_password: z.string().max(1024), new_password: z.string().max(1024) })
  .strict();

/** The caller's own account: read, edit, change password. */
export function meRouter(
  useCases: MeUseCases,
  deps: { requireUser: Middleware; users: UserPresenter; docs: ApiDocs },
): Router {
  const router = new Router();
  const me = '/api/v1/me';
  router.get(me, deps.requireUser, async (ctx) => {
    ctx.body = deps.users.ownProfile(await useCases.profile.execute({ userId: ctx.state.userId }));
  });
  router.patch(me, deps.requireUser, async (ctx) => {
    const body = validate(UpdateMeBody, ctx.request.body ?? {});
    const user = await useCases.update.execute({
      userId: ctx.state.userId,
      displayName: body.display_name,
      digestEnabled: body.digest,
      avatarId: body.avatar_id,
    });
    ctx.body = deps.users.ownProfile(user);
  });
  router.post(`${me}/password`, deps.requireUser, async (ctx) => {
    const body = validate(ChangePasswordBody, ctx.request.body);
    const session = await useCases.changePassword.execute({
      userId: ctx.state.userId,
      currentPassword: body.current_password,
      newPassword: body.new_password,
    });
    respondWithSession(ctx, deps.users, session);
  });
  document(deps.docs);
  return router;
}

function document(docs: ApiDocs): void {
  const profile = {
    description: 'Your profile',
    content: { 'application/json': { schema: OwnProfileSchema } },
  };
  docs.route({
    method: 'get',
    operationId: 'getMe',
    path: '/api/v1/me',
    tags: ['Users'],
    summary: 'Your own profile',
    responses: { 200: profile, 401: problems[401] },
  });
  docs.route({
    method: 'patch',
    operationId: 'updateMe',
    path: '/api/v1/me',
    tags: ['Users'],
    summary: 'Change your display name, daily-digest subscription or shown avatar (all or nothing)',
    request: { body: { content: { 'application/json': { schema: UpdateMeBody } } } },
    responses: {
      200: profile,
      400: problems[400],
      401: problems[401],
      403: problems[403],
      404: problems[404],
      409: problems[409],
    },
  });
  docs.route({
    method: 'post',
    operationId: 'changePassword',
    path: '/api/v1/me/password',
    tags: ['Users'],
    summary: 'Change your password; signs out every session and returns new tokens for this one',
    request: { body: { content: { 'application/json': { schema: ChangePasswordBody } } } },
    responses: {
      200: { description: 'Password changed', content: { 'application/json': { schema: SessionSchema } } },
      400: problems[400],
      401: problems[401],
      403: problems[403],
      409: problems[409],
    },
  });
}
