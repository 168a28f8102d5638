import type { OpaqueTokens } from './opaque-tokens.ts';
import type { RefreshTokenRepository } from './refresh-token.repository.ts';

export interface IdentifyRefreshTokenQuery {
  refreshToken: string;
}

/** The account and sign-in a refresh token belongs to. */
export interface RefreshTokenHolder {
  userId: string;
  familyId: string;
}

/**
 * Whose refresh token this is, without using or locking it (null for one never issued).
 * The refresh route counts attempts by it: every refresh presents a new token, so a count
 * per token never grows, while a count per family or per user does.
 */
export class IdentifyRefreshToken {
  private readonly refreshTokens: RefreshTokenRepository;
  private readonly opaque: OpaqueTokens;

  constructor(refreshTokens: RefreshTokenRepository, opaque: OpaqueTokens) {
    this.refreshTokens = refreshTokens;
    this.opaque = opaque;
  }

  async execute({ refreshToken }: IdentifyRefreshTokenQuery): Promise<RefreshTokenHolder | null> {
    const token = await this.refreshTokens.byDigest(this.opaque.digest(refreshToken));
    return token ? { userId: token.userId, familyId: token.familyId } : null;
  }
}
