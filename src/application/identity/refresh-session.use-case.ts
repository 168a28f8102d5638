import { InvalidRefreshToken, RefreshTokenReused } from '#domain/identity/identity.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { OpaqueTokens } from './opaque-tokens.ts';
import type { RefreshTokenRepository } from './refresh-token.repository.ts';
import type { IssuedSession, SessionIssuer } from './session-issuer.ts';

export interface RefreshSessionCommand {
  refreshToken: string;
}

/**
 * Exchanges a refresh token for a new pair (rotation). Presenting a token that was already
 * exchanged revokes its whole family, and that revocation is committed before the 401.
 */
export class RefreshSession {
  private readonly uow: UnitOfWork;
  private readonly refreshTokens: RefreshTokenRepository;
  private readonly users: UserRepository;
  private readonly opaque: OpaqueTokens;
  private readonly sessions: SessionIssuer;
  private readonly clock: Clock;

  constructor(
    uow: UnitOfWork,
    refreshTokens: RefreshTokenRepository,
    users: UserRepository,
    opaque: OpaqueTokens,
    sessions: SessionIssuer,
    clock: Clock,
  ) {
    this.uow = uow;
    this.refreshTokens = refreshTokens;
    this.users = users;
    this.opaque = opaque;
    this.sessions = sessions;
    this.clock = clock;
  }

  async execute(command: RefreshSessionCommand): Promise<IssuedSession> {
    const at = this.clock.now();
    const outcome = await this.uow.transaction(async () => {
      const current = await this.refreshTokens.lockByDigest(this.opaque.digest(command.refreshToken));
      if (!current) return new InvalidRefreshToken();
      const state = current.stateAt(at);
      if (state === 'rotated') {
        await this.refreshTokens.revokeFamily(current.familyId, at);
        return new RefreshTokenReused();
      }
      const user = state === 'active' ? await this.users.byId(current.userId) : null;
      if (!user) return new InvalidRefreshToken();
      return this.sessions.rotate(current, user, at);
    });
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }
}
