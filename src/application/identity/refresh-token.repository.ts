import type { RefreshToken } from '#domain/identity/refresh-token.entity.ts';
import { token } from '../shared/token.ts';

/** Refresh tokens, by the digest of their secret. Writes happen inside a unit of work. */
export interface RefreshTokenRepository {
  add(token: RefreshToken): Promise<void>;
  /**
   * The token with this digest, held exclusively until the transaction ends, so that two
   * concurrent exchanges of one token are serialised: the second sees it already rotated.
   */
  lockByDigest(tokenHash: string): Promise<RefreshToken | null>;
  /** The token with this digest as stored, read without holding it (no unit of work needed). */
  byDigest(tokenHash: string): Promise<RefreshToken | null>;
  /** Revokes every still-valid token of a family (a sign-out, or a detected reuse). */
  revokeFamily(familyId: string, at: Date): Promise<void>;
  /** Revokes every still-valid token of a user (a password change). */
  revokeAllOf(userId: string, at: Date): Promise<void>;
  /** Deletes tokens that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
export const RefreshTokenRepository = token<RefreshTokenRepository>('RefreshTokenRepository');
