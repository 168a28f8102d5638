import type { IncomingMessage } from 'node:http';
import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import { DomainError } from '#domain/shared/domain-error.ts';
import { devSubject, type DevUser } from '../../identity/dev-identity-provider.ts';
import { drainRequest } from '../lingering-drain.ts';
import { escapeHtml, page } from '../web/auth/html.ts';

const FORM_LIMIT_BYTES = 8 * 1024;
/** What of a refused form is still read, so that the browser gets the 413 (see drainRequest). */
const FORM_DRAIN = { maxBytes: 1024 * 1024, maxMs: 2_000 };

class InteractionNotFound extends DomainError {
  constructor() {
    super(
      'dev_idp.interaction_not_found',
      'invalid',
      'This sign-in is unknown or has expired: start it again from the application.',
    );
  }
}

class FormTooLarge extends DomainError {
  constructor() {
    super('request.too_large', 'too_large', 'The form is too large.', { max_size: FORM_LIMIT_BYTES });
  }
}

/** oidc-provider refuses an unknown, expired or foreign interaction with its own 4xx error. */
async function withinInteraction<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw new InteractionNotFound();
    throw error;
  }
}

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
    const details = await withinInteraction(() => provider.interactionDetails(ctx.req, ctx.res));
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
    await withinInteraction(() =>
      provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }),
    );
    // Only now: oidc-provider has answered with its redirect. Set before, a refusal would
    // leave the request unanswered.
    ctx.respond = false;
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

/**
 * The urlencoded body of a plain HTML form (the API's JSON body parser leaves these alone).
 * Read by events, not `for await`: leaving that loop early destroys the request, and Koa
 * then answers a bare 500 before the error middleware can answer 413.
 */
async function readForm(ctx: Context): Promise<URLSearchParams> {
  const request = ctx.req;
  const body = await new Promise<Buffer | null>((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const finish = (result: Buffer | null, error?: Error) => {
      request.off('data', onData).off('end', onEnd).off('error', onError);
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > FORM_LIMIT_BYTES) finish(null);
      else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onError = (error: Error) => finish(null, error);
    request.on('data', onData).on('end', onEnd).on('error', onError);
  });
  if (body === null) {
    if (!(await drainRequest(request, FORM_DRAIN))) ctx.set('Connection', 'close');
    throw new FormTooLarge();
  }
  return new URLSearchParams(body.toString('utf8'));
}
