import Router from '@koa/router';
import { z } from 'zod';
import type { UnsubscribeFromDigest } from '#application/digest/unsubscribe-from-digest.use-case.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import { confirmationPage, unsubscribedPage } from './unsubscribe.pages.ts';

const PATH = '/api/v1/digest/unsubscribe';
const TokenQuery = z.object({
  token: z.string().min(1).max(512).meta({ description: 'The signed token from the link in the e-mail' }),
});

/**
 * The digest's one-click unsubscribe (RFC 8058). The link in `List-Unsubscribe` takes a
 * POST (mail clients send `List-Unsubscribe=One-Click`; the body is not needed, the
 * token is in the URL) that turns the digest off. A GET only shows a confirmation page
 * with a button: link scanners and previews fetch URLs, and must not unsubscribe anyone.
 */
export function unsubscribeRouter(unsubscribe: UnsubscribeFromDigest, docs: ApiDocs): Router {
  const router = new Router();
  router.get(PATH, (ctx) => {
    const { token } = validate(TokenQuery, ctx.query, 'query');
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = confirmationPage(`${PATH}?token=${encodeURIComponent(token)}`);
  });
  router.post(PATH, async (ctx) => {
    const { token } = validate(TokenQuery, ctx.query, 'query');
    await unsubscribe.execute({ token });
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = unsubscribedPage();
  });
  document(docs);
  return router;
}

function document(docs: ApiDocs): void {
  const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
  const tags = ['Digest'];
  docs.route({
    method: 'get',
    operationId: 'showUnsubscribePage',
    path: PATH,
    tags,
    authenticated: false,
    summary: 'Confirmation page for the unsubscribe link (changes nothing)',
    request: { query: TokenQuery },
    responses: { 200: html('A page with a button that confirms.'), 400: problems[400] },
  });
  docs.route({
    method: 'post',
    operationId: 'unsubscribeFromDigest',
    path: PATH,
    tags,
    authenticated: false,
    summary: 'One-click unsubscribe from the daily digest (RFC 8058)',
    request: { query: TokenQuery },
    responses: { 200: html('Unsubscribed (also when already).'), 400: problems[400] },
  });
}
