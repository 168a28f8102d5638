import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { AvatarMetrics, UploadOutcome } from '#application/avatars/avatar-metrics.ts';
import type { DeleteAvatar } from '#application/avatars/delete-avatar.use-case.ts';
import type { GetAvatarMetadata } from '#application/avatars/get-avatar-metadata.use-case.ts';
import type { ServeAvatar } from '#application/avatars/serve-avatar.use-case.ts';
import type { UploadAvatar } from '#application/avatars/upload-avatar.use-case.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import type { ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import { avatarUpload, type AvatarUploadFile } from './avatar-upload.middleware.ts';
import type { AvatarPresenter } from './avatar.presenter.ts';
import { AvatarIdParams, ImageQuery } from './avatar.schemas.ts';
import { documentAvatarRoutes } from './avatars.docs.ts';
import { sendImage } from './image-response.ts';

export interface AvatarsRouterDeps {
  uploadAvatar: UploadAvatar;
  serveAvatar: ServeAvatar;
  getAvatarMetadata: GetAvatarMetadata;
  deleteAvatar: DeleteAvatar;
  requireUser: Middleware;
  /** `Idempotency-Key` support for the creating route (after the body is parsed). */
  idempotent: Middleware;
  metrics: AvatarMetrics;
  presenter: AvatarPresenter;
  docs: ApiDocs;
}

/**
 * An avatar's URL names one immutable image per size and format: `immutable` spares browsers
 * the revalidation on reload; a day bounds how long a deleted avatar lingers in caches.
 */
export const AVATAR_CACHE_CONTROL = 'public, max-age=86400, immutable';

/** `/api/v1/avatars…`: upload, image by size and format (public), metadata, delete. */
export function avatarsRouter(d: AvatarsRouterDeps): Router {
  const router = new Router({ prefix: '/api/v1' });

  const upload = avatarUpload();
  router.post('/avatars', d.requireUser, timedUpload(d.metrics), upload, d.idempotent, async (ctx) => {
    const { fileName, bytes } = ctx.state.upload as AvatarUploadFile;
    const avatar = await d.uploadAvatar.execute({ userId: ctx.state.userId, fileName, bytes });
    ctx.status = 201;
    ctx.set('Location', d.presenter.url(avatar.id));
    ctx.body = d.presenter.created(avatar);
  });

  router.get('/avatars/:id', async (ctx) => {
    const { id } = validate(AvatarIdParams, ctx.params, 'path');
    const { size, format } = validate(ImageQuery, ctx.query, 'query');
    const image = await d.serveAvatar.execute({ avatarId: id, size, ...(format ? { format } : {}) });
    sendImage(ctx, image, AVATAR_CACHE_CONTROL);
  });

  router.get('/avatars/:id/metadata', d.requireUser, async (ctx) => {
    const { id } = validate(AvatarIdParams, ctx.params, 'path');
    ctx.body = d.presenter.metadata(await d.getAvatarMetadata.execute({ avatarId: id }));
  });

  router.delete('/avatars/:id', d.requireUser, async (ctx) => {
    const { id } = validate(AvatarIdParams, ctx.params, 'path');
    await d.deleteAvatar.execute({ actorId: ctx.state.userId, avatarId: id });
    ctx.status = 204;
  });

  documentAvatarRoutes(d.docs);
  return router;
}

/** Counts and times every authenticated upload by outcome, body streaming included. */
function timedUpload(metrics: AvatarMetrics): Middleware {
  return async (_ctx, next) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      await next();
      metrics.uploadFinished('accepted', seconds());
    } catch (error) {
      metrics.uploadFinished(outcomeOf(error), seconds());
      throw error;
    }
  };
}

function outcomeOf(error: unknown): UploadOutcome {
  if (!(error instanceof DomainError)) return 'error';
  if (error.kind === 'too_large') return 'too_large';
  if (error.kind === 'unavailable') return 'unavailable';
  return 'rejected';
}
