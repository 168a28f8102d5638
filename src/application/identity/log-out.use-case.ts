import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { OpaqueTokens } from './opaque-tokens.ts';
import type { RefreshTokenRepository } from './refresh-token.repository.ts';

export interface LogOutCommand {
  /** The signed-in user (from the access token). */
  userId: string;
  refreshToken: string;
}

/**
 * Ends one session: revokes the refresh token's whole family. Idempotent, and silent
 * about tokens that are unknown or belong to someone else (nothing to learn from it).
 */
export class LogOut {
  private readonly uow: UnitOfWork;
  private readonly refreshTokens: RefreshTokenRepository;
  private readonly opaque: OpaqueTokens;
  private readonly clock: Clock;

  constructor(uow: UnitOfWork, refreshTokens: RefreshTokenRepository, opaque: OpaqueTokens, clock: Clock) {
    this.uow = uow;
    this.refreshTokens = refreshTokens;
    this.opaque = opaque;
    this.clock = clock;
  }

  async execute(command: LogOutCommand): Promise<void> {
    await this.uow.transaction(async () => {
      const token = await this.refreshTokens.lockByDigest(this.opaque.digest(command.refreshToken));
      if (token?.userId === command.userId) {
        await this.refreshTokens.revokeFamily(token.familyId, this.clock.now());
      }
    });
  }
}
