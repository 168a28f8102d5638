import { InvalidRefreshToken } from './identity.errors.ts';

export interface IssueRefreshToken {
  id: string;
  /** Omitted for the first token of a sign-in: it starts a family named after itself. */
  familyId?: string;
  userId: string;
  /** Digest of the opaque token handed to the client; the token itself is never stored. */
  tokenHash: string;
  at: Date;
  ttlMs: number;
}

export type RefreshTokenState = 'active' | 'rotated' | 'revoked' | 'expired';

/**
 * One link of a refresh-token chain. Every sign-in starts a family; each refresh exchanges
 * the active token for the next one in the same family. A token that was already
 * exchanged must never be accepted again: seeing it means a copy leaked, so the caller
 * revokes the whole family (OAuth 2.0 Security BCP, refresh token rotation).
 */
export class RefreshToken {
  readonly id!: string;
  readonly familyId!: string;
  readonly userId!: string;
  readonly tokenHash!: string;
  readonly createdAt!: Date;
  readonly expiresAt!: Date;
  readonly rotatedAt!: Date | null;
  readonly revokedAt!: Date | null;

  private constructor() {}

  static issue(input: IssueRefreshToken): RefreshToken {
    const token = new RefreshToken();
    Object.assign(token, {
      id: input.id,
      familyId: input.familyId ?? input.id,
      userId: input.userId,
      tokenHash: input.tokenHash,
      createdAt: input.at,
      expiresAt: new Date(input.at.getTime() + input.ttlMs),
      rotatedAt: null,
      revokedAt: null,
    });
    return token;
  }

  /** Revocation wins over reuse (a signed-out family stays quiet); reuse wins over expiry. */
  stateAt(at: Date): RefreshTokenState {
    if (this.revokedAt) return 'revoked';
    if (this.rotatedAt) return 'rotated';
    if (at.getTime() >= this.expiresAt.getTime()) return 'expired';
    return 'active';
  }

  /** Exchanges this token for the next of its family, which lives `ttlMs` from now (sliding expiry). */
  rotate(next: { id: string; tokenHash: string }, at: Date, ttlMs: number): RefreshToken {
    if (this.stateAt(at) !== 'active') throw new InvalidRefreshToken();
    Object.assign(this, { rotatedAt: at });
    return RefreshToken.issue({ ...next, familyId: this.familyId, userId: this.userId, at, ttlMs });
  }
}
