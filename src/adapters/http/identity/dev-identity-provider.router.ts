import type { IncomingMessage } from 'node:http';
import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { devSubject, type DevUser } from '../../identity/dev-identity-provider.ts';
import { escapeHtml, page } from '../web/auth/html.ts';

const FORM_LIMIT_BYTES = 8 * 1024;

/**
 * Serves the dev identity provider inside Rookery at `mountPath` (`/dev-idp`): its login
 * page (pick one of the configured users; no password, it is for development) and, for
 * every other path, oidc-provider itself.
 */
export function devIdentityProviderRouter(
  provider: Provider,
  users: readonly DevUser[],
  mountPath: string,
): Router {
  const router = new Router();
  const interaction = `${mountPath}/interaction/:uid`;

  router.get(interaction, async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = loginPage(`${mountPath}/interaction/${encodeURIComponent(details.uid)}`, users);
  });
  router.post(`${interaction}/login`, async (ctx) => {
    const form = await readForm(ctx);
    const user = users.find((u) => u.email === form.get('email'));
    const result = user
      ? { login: { accountId: devSubject(user.email) } }
      : { error: 'access_denied', error_description: 'unknown dev user' };
    ctx.respond = false; // oidc-provider answers with its own redirect
    await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  });

  const callback = provider.callback();
  const escaped = mountPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  router.all(new RegExp(`^${escaped}(?:/.*)?$`), async (ctx) => {
    ctx.respond = false;
    const req = ctx.req as IncomingMessage & { originalUrl?: string };
    req.originalUrl = req.url; // how oidc-provider learns its mount path
    req.url = req.url!.slice(mountPath.length) || '/';
    await callback(req, ctx.res);
  });
  return router;
}

function loginPage(action: string, users: readonly DevUser[]): string {
  const buttons = users
    .map(
      (u) => `      <form method="post" action="${escapeHtml(action)}/login">
        <input type="hidden" name="email" value="${escapeHtml(u.email)}">
        <button type="submit" class="provider">${escapeHtml(u.name)} <small>${escapeHtml(u.email)}</small></button>
      </form>`,
    )
    .join('\n');
  return page(
    'Dev identity provider',
    `    <h1>Dev identity provider</h1>
    <p class="muted">For development only: choose who to sign in as.</p>
${buttons}`,
  );
}

/** The urlencoded body of a plain HTML form (the API's JSON body parser leaves these alone). */
async function readForm(ctx: Context): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT_BYTES) ctx.throw(413);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
