import { readFileSync } from 'node:fs';
import Router from '@koa/router';
import type { Context } from 'koa';
import { validate } from '../../request-validation.ts';
import { UserIdParams } from '../../avatars/avatar.schemas.ts';

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

const pages = { upload: read('./pages/upload.html'), gallery: read('./pages/gallery.html') };

// External files only: the Content-Security-Policy allows no inline script.
const assets: Record<string, { type: string; body: string }> = Object.fromEntries(
  [
    ['avatars.css', 'text/css; charset=utf-8'],
    ['avatar-session.js', 'text/javascript; charset=utf-8'],
    ['upload.js', 'text/javascript; charset=utf-8'],
    ['gallery.js', 'text/javascript; charset=utf-8'],
  ].map(([file, type]) => [file, { type: type!, body: read(`./assets/${file}`) }]),
);

/**
 * The avatar pages of the web app: `/web/upload` and `/web/gallery/{user_id}` (public
 * pages; the API calls they make carry the signed-in user's token).
 */
export function avatarPagesRouter(): Router {
  const router = new Router();
  const html = (body: string) => (ctx: Context) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = body;
  };
  router.get('/web/upload', html(pages.upload));
  router.get('/web/gallery/:user_id', (ctx) => {
    validate(UserIdParams, ctx.params, 'path');
    html(pages.gallery)(ctx);
  });
  router.get('/web/avatars/assets/:file', (ctx) => {
    const asset = assets[ctx.params.file!];
    if (!asset) return; // 404 problem
    ctx.type = asset.type;
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = asset.body;
  });
  return router;
}
