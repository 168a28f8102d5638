import type { Middleware } from 'koa';
import type { UserRepository } from '#application/users/user.repository.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import { InvalidAccessToken } from '../../identity/jwt-access-tokens.ts';

export class AdminRequired extends DomainError {
  constructor() {
    super('auth.admin_required', 'forbidden', 'Only administrators may do this.');
  }
}

/**
 * Lets only administrators through. Goes after `requireUser` (it reads `ctx.state.userId`)
 * and reads the role from the database on every request, so a demotion takes effect at
 * once instead of when the access token expires.
 */
export function requireAdmin(users: UserRepository): Middleware {
  return async (ctx, next) => {
    const userId: unknown = ctx.state.userId;
    if (typeof userId !== 'string') throw new InvalidAccessToken('missing');
    const user = await users.byId(userId);
    if (user?.role !== 'admin') throw new AdminRequired();
    await next();
  };
}
