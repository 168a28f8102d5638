import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { LogIn } from '#application/identity/log-in.use-case.ts';
import type { LogOut } from '#application/identity/log-out.use-case.ts';
import type { RefreshSession } from '#application/identity/refresh-session.use-case.ts';
import type { RegisterAccount } from '#application/identity/register-account.use-case.ts';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { validate } from '../request-validation.ts';
import type { UserPresenter } from '../users/user.presenter.ts';
import type { AuthRateLimits } from './auth-rate-limits.ts';
import { respondWithSession, SessionSchema } from './session.schemas.ts';

export interface AuthUseCases {
  register: RegisterAccount;
  logIn: LogIn;
  refresh: RefreshSession;
  logOut: LogOut;
}

// Generous outer bounds only: the domain owns the real rules (and their error codes).
const RegisterBody = z
  .object({
    email: z.string().max(320),
    password: z.string().max(1024),
    handle: z.string().max(64),
    display_name: z.string().max(200).optional(),
  })
  .strict();
const LogInBody = z.object({ email: z.string().max(320), password: z.string().max(1024) }).strict();
const RefreshBody = z.object({ refresh_token: z.string().min(1).max(512) }).strict();

/** Local accounts: sign up, sign in, refresh (rotation), sign out. */
export function authRouter(
  useCases: AuthUseCases,
  deps: { requireUser: Middleware; limits: AuthRateLimits; users: UserPresenter; docs: ApiDocs },
): Router {
  const { limits, users } = deps;
  const router = new Router({ prefix: '/api/v1/auth' });
  router.post('/register', ...limits.register, async (ctx) => {
    const body = validate(RegisterBody, ctx.request.body);
    const session = await useCases.register.execute({ ...body, displayName: body.display_name });
    respondWithSession(ctx, users, session, 201);
  });
  router.post('/login', ...limits.logIn, async (ctx) => {
    respondWithSession(ctx, users, await useCases.logIn.execute(validate(LogInBody, ctx.request.body)));
  });
  router.post('/refresh', ...limits.refresh, async (ctx) => {
    const { refresh_token } = validate(RefreshBody, ctx.request.body);
    respondWithSession(ctx, users, await useCases.refresh.execute({ refreshToken: refresh_token }));
  });
  router.post('/logout', deps.requireUser, async (ctx) => {
    const { refresh_token } = validate(RefreshBody, ctx.request.body);
    await useCases.logOut.execute({ userId: ctx.state.userId, refreshToken: refresh_token });
    ctx.status = 204;
  });
  document(deps.docs);
  return router;
}

function document(docs: ApiDocs): void {
  const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
  const session = (description: string) => ({ description, ...json(SessionSchema) });
  const base = { tags: ['Auth'], authenticated: false };
  docs.route({
    ...base,
    method: 'post',
    operationId: 'registerAccount',
    path: '/api/v1/auth/register',
    summary: 'Create an account with e-mail and password, and sign in',
    description:
      'Repeated attempts on a taken e-mail or handle are slowed down, then refused with 429 (per e-mail and per address).',
    request: { body: json(RegisterBody) },
    responses: {
      201: session('Signed up and signed in'),
      400: problems[400],
      409: problems[409],
      429: problems[429],
    },
  });
  docs.route({
    ...base,
    method: 'post',
    operationId: 'logIn',
    path: '/api/v1/auth/login',
    summary: 'Sign in with e-mail and password',
    description:
      'Unknown e-mail and wrong password get the same 401. Repeated failures are slowed down, then refused with 429.',
    request: { body: json(LogInBody) },
    responses: { 200: session('Signed in'), 400: problems[400], 401: problems[401], 429: problems[429] },
  });
  docs.route({
    ...base,
    method: 'post',
    operationId: 'refreshSession',
    path: '/api/v1/auth/refresh',
    summary: 'Exchange a refresh token for a new pair (the old refresh token stops working)',
    description:
      'Presenting an already-used refresh token revokes its whole family (every token of that sign-in) and answers 401. ' +
      'Repeated failures are slowed down, then refused with 429 (per user and per address).',
    request: { body: json(RefreshBody) },
    responses: { 200: session('New tokens'), 400: problems[400], 401: problems[401], 429: problems[429] },
  });
  docs.route({
    method: 'post',
    operationId: 'logOut',
    path: '/api/v1/auth/logout',
    tags: ['Auth'],
    summary: 'Sign out: revoke the refresh token and every token of its family',
    request: { body: json(RefreshBody) },
    responses: {
      204: { description: 'Signed out (also when the token was unknown)' },
      400: problems[400],
      401: problems[401],
    },
  });
}
