import type { Middleware } from 'koa';
import type { UserRepository } from '#application/users/user.repository.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import { InvalidAccessToken, type JwtAccessTokens } from '../../identity/jwt-access-tokens.ts';
import { ConfirmedUsers } from './confirmed-users.ts';

/** How long an account seen to exist is trusted to, per process (see ConfirmedUsers). */
export const USER_CHECK_TTL_MS = 5_000;

/** User ids are UUIDs; anything else in `sub` would reach the database as a bad uuid. */
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class UserMismatch extends DomainError {
  constructor() {
    super('auth.user_mismatch', 'forbidden', 'X-User-ID does not match the authenticated user.');
  }
}

/**
 * Requires `Authorization: Bearer <access token>` and puts the verified user id in
 * `ctx.state.userId` — the only place handlers take the acting user from (never the
 * body or query). A token of a user who no longer exists is refused (within
 * `USER_CHECK_TTL_MS` of the deletion: see ConfirmedUsers). `X-User-ID` (from the avatar
 * service contract) is accepted only when it names the same user.
 *
 * The hot path costs two map lookups: verified tokens are remembered by JwtAccessTokens
 * until they expire, confirmed accounts here for a few seconds.
 */
export function requireUser(
  tokens: JwtAccessTokens,
  users: Pick<UserRepository, 'exists'>,
  confirmed = new ConfirmedUsers({ ttlMs: USER_CHECK_TTL_MS }),
): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) throw new InvalidAccessToken(header ? 'not a Bearer token' : 'missing');
    const verified = tokens.verify(match[1]!);
    if (!USER_ID.test(verified.userId)) throw new InvalidAccessToken('the subject is not a user id');
    if (!confirmed.has(verified.userId)) {
      if (!(await users.exists(verified.userId))) throw new InvalidAccessToken('the user no longer exists');
      confirmed.confirm(verified.userId);
    }
    const claimed = ctx.get('X-User-ID');
    if (claimed && claimed !== verified.userId) throw new UserMismatch();
    ctx.state.userId = verified.userId;
    await next();
  };
}
