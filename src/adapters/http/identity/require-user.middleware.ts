import type { Middleware } from 'koa';
import type { UserRepository } from '#application/users/user.repository.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import { InvalidAccessToken, type JwtAccessTokens } from '../../identity/jwt-access-tokens.ts';

export class UserMismatch extends DomainError {
  constructor() {
    super('auth.user_mismatch', 'forbidden', 'X-User-ID does not match the authenticated user.');
  }
}

/**
 * Requires `Authorization: Bearer <access token>` and puts the verified user id in
 * `ctx.state.userId` — the only place handlers take the acting user from (never the
 * body or query). A token of a user who no longer exists is refused. `X-User-ID` (from
 * the avatar service contract) is accepted only when it names the same user.
 */
export function requireUser(tokens: JwtAccessTokens, users: Pick<UserRepository, 'exists'>): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
    if (!match) throw new InvalidAccessToken(header ? 'not a Bearer token' : 'missing');
    const verified = tokens.verify(match[1]!);
    if (!(await users.exists(verified.userId))) throw new InvalidAccessToken('the user no longer exists');
    const claimed = ctx.get('X-User-ID');
    if (claimed && claimed !== verified.userId) throw new UserMismatch();
    ctx.state.userId = verified.userId;
    await next();
  };
}
