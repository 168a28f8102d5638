import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { DeleteCurrentAvatar } from '#application/avatars/delete-current-avatar.use-case.ts';
import type { ListUserAvatars } from '#application/avatars/list-user-avatars.use-case.ts';
import type { ServeCurrentAvatar } from '#application/avatars/serve-current-avatar.use-case.ts';
import type { ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import { decodeCursor } from '../keyset-cursor.ts';
import type { AvatarPresenter } from './avatar.presenter.ts';
import { ImageQuery, ListQuery, UserIdParams } from './avatar.schemas.ts';
import { documentUserAvatarRoutes } from './avatars.docs.ts';
import { sendImage } from './image-response.ts';

export interface UserAvatarsRouterDeps {
  serveCurrentAvatar: ServeCurrentAvatar;
  deleteCurrentAvatar: DeleteCurrentAvatar;
  listUserAvatars: ListUserAvatars;
  requireUser: Middleware;
  presenter: AvatarPresenter;
  docs: ApiDocs;
}

/** Which avatar a user shows changes over time, so its image is cached briefly (ETags revalidate). */
export const CURRENT_AVATAR_CACHE_CONTROL = 'public, max-age=60';

/** `/api/v1/users/{user_id}/avatar` (the shown one) and `/api/v1/users/{user_id}/avatars` (all). */
export function userAvatarsRouter(d: UserAvatarsRouterDeps): Router {
  const router = new Router({ prefix: '/api/v1' });

  router.get('/users/:user_id/avatar', async (ctx) => {
    const { user_id } = validate(UserIdParams, ctx.params, 'path');
    const { size, format } = validate(ImageQuery, ctx.query, 'query');
    const image = await d.serveCurrentAvatar.execute({
      userId: user_id,
      size,
      ...(format ? { format } : {}),
    });
    ctx.set('Content-Location', `${d.presenter.url(image.avatarId)}?size=${size}&format=${image.format}`);
    sendImage(ctx, image, CURRENT_AVATAR_CACHE_CONTROL);
  });

  router.delete('/users/:user_id/avatar', d.requireUser, async (ctx) => {
    const { user_id } = validate(UserIdParams, ctx.params, 'path');
    await d.deleteCurrentAvatar.execute({ actorId: ctx.state.userId, userId: user_id });
    ctx.status = 204;
  });

  router.get('/users/:user_id/avatars', d.requireUser, async (ctx) => {
    const { user_id } = validate(UserIdParams, ctx.params, 'path');
    const { cursor, limit } = validate(ListQuery, ctx.query, 'query');
    const after = decodeCursor(cursor) ?? undefined;
    const page = await d.listUserAvatars.execute({ userId: user_id, limit, ...(after ? { after } : {}) });
    ctx.body = d.presenter.page(page);
  });

  documentUserAvatarRoutes(d.docs);
  return router;
}
