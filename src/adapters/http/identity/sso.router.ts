import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { RedeemSsoHandoff } from '#application/identity/redeem-sso-handoff.use-case.ts';
import type { SignInWithSso } from '#application/identity/sign-in-with-sso.use-case.ts';
import {
  SsoLinkNeedsPassword,
  SsoSignInRefused,
  UnknownSsoProvider,
} from '#domain/identity/identity.errors.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import type { OpenIdConnectSignIn } from '../../identity/oidc/openid-connect-sign-in.ts';
import type { SsoStateSealer } from '../../identity/oidc/sso-state-sealer.ts';
import type { ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import type { UserPresenter } from '../users/user.presenter.ts';
import { respondWithSession } from './session.schemas.ts';
import { documentSso } from './sso.docs.ts';

export interface SsoRouterDeps {
  providers: ReadonlyMap<string, OpenIdConnectSignIn>;
  sealer: SsoStateSealer;
  signIn: SignInWithSso;
  redeem: RedeemSsoHandoff;
  exchangeLimits: Middleware[];
  users: UserPresenter;
  publicUrl: string;
  now: () => Date;
  /**
   * Marks a state as used, shared by every replica; false when it already was. Clearing the
   * cookie is not enough: a client that kept it could present it again after a failure.
   */
  spendState: (handle: string) => Promise<boolean>;
}

export const SSO_COOKIE = 'rookery_sso';
const COOKIE_PATH = '/api/v1/auth/sso';
const STATE_MAX_AGE_MS = 10 * 60_000;
const DEFAULT_NEXT = '/web/login';
/** Where the browser lands after the callback; it exchanges the code from the URL fragment. */
export const COMPLETION_PAGE = '/web/auth/complete';
/** Where the browser asks for the password of an existing account before linking a provider to it. */
export const LINK_PAGE = '/web/auth/link';

export const ExchangeBody = z.object({ code: z.string().min(1).max(256) }).strict();

/**
 * Single sign-on over OpenID Connect. The callback never puts tokens in a URL: it leaves
 * a one-time code in the fragment of the completion page (fragments are not sent to
 * servers, so no access log or proxy sees it), which the page exchanges by POST.
 */
export function ssoRouter(deps: SsoRouterDeps, docs: ApiDocs): Router {
  const router = new Router();
  const provider = (name: string | undefined) => {
    const found = name ? deps.providers.get(name) : undefined;
    if (!found) throw new UnknownSsoProvider(name ?? '');
    return found;
  };
  const cookieOptions = (ctx: Context) => {
    if (deps.publicUrl.startsWith('https:')) ctx.cookies.secure = true;
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      path: COOKIE_PATH,
      secure: deps.publicUrl.startsWith('https:'),
    };
  };

  router.get('/api/v1/auth/sso', (ctx) => {
    ctx.body = {
      items: [...deps.providers.values()].map(({ settings }) => ({
        name: settings.name,
        label: settings.label,
        url: `${deps.publicUrl}${COOKIE_PATH}/${settings.name}`,
      })),
    };
  });
  router.post('/api/v1/auth/sso/exchange', ...deps.exchangeLimits, async (ctx) => {
    const { code } = validate(ExchangeBody, ctx.request.body);
    respondWithSession(ctx, deps.users, await deps.redeem.execute({ code }));
  });
  router.get('/api/v1/auth/sso/:provider', async (ctx) => {
    const { location, state } = await provider(ctx.params.provider).begin(safeNext(ctx.query.next));
    ctx.cookies.set(SSO_COOKIE, deps.sealer.seal(state), { ...cookieOptions(ctx), maxAge: STATE_MAX_AGE_MS });
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(location);
  });
  router.get('/api/v1/auth/sso/:provider/callback', async (ctx) => {
    const sealed = ctx.cookies.get(SSO_COOKIE);
    // One attempt per sign-in: whatever happens next, this state is spent.
    ctx.cookies.set(SSO_COOKIE, null, cookieOptions(ctx));
    ctx.set('Cache-Control', 'no-store');
    try {
      const state = sealed ? deps.sealer.unseal(sealed, deps.now().getTime(), STATE_MAX_AGE_MS) : null;
      if (state && !(await deps.spendState(state.handle)))
        throw new SsoSignInRefused('this sign-in was already attempted');
      const claims = await provider(ctx.params.provider).complete(ctx.query, state);
      const { code } = await deps.signIn.execute(claims);
      const fragment = new URLSearchParams({ code, next: state!.next });
      ctx.redirect(`${COMPLETION_PAGE}#${fragment}`);
    } catch (error) {
      // A person in a browser gets the sign-in page with the reason; API clients a problem.
      if (!(error instanceof DomainError) || ctx.accepts('json', 'html') !== 'html') throw error;
      if (error instanceof SsoLinkNeedsPassword) {
        // The ticket rides in the fragment, like the hand-off code: no server or log sees it.
        ctx.redirect(`${LINK_PAGE}#${new URLSearchParams({ ticket: String(error.details.link_ticket) })}`);
        return;
      }
      ctx.redirect(`${DEFAULT_NEXT}?${new URLSearchParams({ error: error.code })}`);
    }
  });
  documentSso(docs, ExchangeBody);
  return router;
}

/** Only a local path: never another origin (`//evil.example`, `/\evil.example`). */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 512) return DEFAULT_NEXT;
  return /^\/(?![/\\])[^\s\\]*$/.test(raw) ? raw : DEFAULT_NEXT;
}
