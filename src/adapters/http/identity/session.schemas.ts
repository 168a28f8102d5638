import type { Context } from 'koa';
import { z } from 'zod';
import type { IssuedSession } from '#application/identity/session-issuer.ts';
import type { UserPresenter } from '../users/user.presenter.ts';
import { OwnProfileSchema } from '../users/user.schemas.ts';

/** The token response of every sign-in (named like an OAuth 2.0 token response). */
export const SessionSchema = z.object({
  user: OwnProfileSchema,
  access_token: z.string().describe('ES256 JWT; send as `Authorization: Bearer <token>`'),
  refresh_token: z.string().describe('Opaque; single use: each refresh returns a new one'),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().describe('Seconds until the access token expires'),
});

/** Answers with a session; tokens must never be cached by browsers or proxies (RFC 6749 §5.1). */
export function respondWithSession(ctx: Context, users: UserPresenter, session: IssuedSession, status = 200) {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = {
    user: users.ownProfile(session.user),
    access_token: session.accessToken,
    refresh_token: session.refreshToken,
    token_type: 'Bearer',
    expires_in: session.expiresIn,
  } satisfies z.infer<typeof SessionSchema>;
}
