import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { LinkSsoWithPassword } from '#application/identity/link-sso-with-password.use-case.ts';
import type { RequestEmailVerification } from '#application/identity/request-email-verification.use-case.ts';
import type { VerifyEmailAddress } from '#application/identity/verify-email-address.use-case.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import type { UserPresenter } from '../users/user.presenter.ts';
import { respondWithSession, SessionSchema } from './session.schemas.ts';

export interface EmailVerificationUseCases {
  verify: VerifyEmailAddress;
  request: RequestEmailVerification;
  linkSso: LinkSsoWithPassword;
}

export interface EmailVerificationRouterDeps {
  requireUser: Middleware;
  /** In front of the re-send: per user and per address (each sends a mail). */
  resendLimits: Middleware[];
  /** In front of the SSO link: its password check counts as a login's. */
  linkLimits: Middleware[];
  users: UserPresenter;
  docs: ApiDocs;
}

const VerifyBody = z.object({ token: z.string().min(1).max(512) }).strict();
const LinkBody = z
  .object({ link_ticket: z.string().min(1).max(4096), password: z.string().max(1024) })
  .strict();
const Verified = z.object({ email_verified: z.literal(true) });
const Requested = z.object({ expires_at: z.iso.datetime().describe('When the link sent expires') });

/**
 * Proving control of an address: the public endpoint the verification page posts the
 * link's token to, the signed-in re-send, and the password step that links an SSO
 * identity to an existing account with the same e-mail.
 */
export function emailVerificationRouter(
  useCases: EmailVerificationUseCases,
  deps: EmailVerificationRouterDeps,
) {
  const router = new Router();
  router.post('/api/v1/auth/verify-email', async (ctx) => {
    const { token } = validate(VerifyBody, ctx.request.body);
    await useCases.verify.execute({ token });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { email_verified: true } satisfies z.infer<typeof Verified>;
  });
  router.post('/api/v1/me/email-verification', deps.requireUser, ...deps.resendLimits, async (ctx) => {
    const { expiresAt } = await useCases.request.execute({ userId: ctx.state.userId });
    ctx.status = 202;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { expires_at: expiresAt.toISOString() } satisfies z.infer<typeof Requested>;
  });
  router.post('/api/v1/auth/sso/link', ...deps.linkLimits, async (ctx) => {
    const body = validate(LinkBody, ctx.request.body);
    const session = await useCases.linkSso.execute({ ticket: body.link_ticket, password: body.password });
    respondWithSession(ctx, deps.users, session);
  });
  document(deps.docs);
  return router;
}

function document(docs: ApiDocs): void {
  const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
  docs.route({
    method: 'post',
    operationId: 'verifyEmail',
    path: '/api/v1/auth/verify-email',
    tags: ['Auth'],
    authenticated: false,
    summary: 'Confirm an e-mail address with the token of a verification link',
    description:
      'The token comes from the fragment of the link mailed at sign-up or on request (`/web/verify-email#token=…`). ' +
      'Each link works once and expires (`auth.verification_link_expired`, `auth.verification_link_used`).',
    request: { body: json(VerifyBody) },
    responses: {
      200: { description: 'Verified', ...json(Verified) },
      400: problems[400],
      409: problems[409],
    },
  });
  docs.route({
    method: 'post',
    operationId: 'requestEmailVerification',
    path: '/api/v1/me/email-verification',
    tags: ['Users'],
    summary: 'Send a new verification link to your address',
    description:
      'Limited per user and per address. 409 `auth.email_already_verified` when there is nothing to prove.',
    responses: {
      202: { description: 'A link is on its way', ...json(Requested) },
      409: problems[409],
      429: problems[429],
    },
  });
  docs.route({
    method: 'post',
    operationId: 'linkSsoIdentity',
    path: '/api/v1/auth/sso/link',
    tags: ['Auth'],
    authenticated: false,
    summary: 'Link a provider to the existing account with the same e-mail, by its password',
    description:
      'An SSO sign-in that meets an account with the same verified e-mail is answered 409 ' +
      '`auth.sso_link_requires_password` with a `link_ticket` (ten minutes); this exchanges it and the password for a session.',
    request: { body: json(LinkBody) },
    responses: {
      200: { description: 'Linked and signed in', ...json(SessionSchema) },
      400: problems[400],
      401: problems[401],
      429: problems[429],
    },
  });
}
