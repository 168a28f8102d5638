import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { RefreshTokenRepository } from '#application/identity/refresh-token.repository.ts';
import { RefreshToken } from '#domain/identity/refresh-token.entity.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

export class PostgresRefreshTokenRepository implements RefreshTokenRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(token: RefreshToken): Promise<void> {
    transactionalEntityManager(this.em).persist(token);
  }

  async lockByDigest(tokenHash: string): Promise<RefreshToken | null> {
    // SELECT … FOR UPDATE: a concurrent rotation of the same token waits for this
    // transaction and then sees the token rotated (reuse) instead of rotating it twice.
    return transactionalEntityManager(this.em).findOne(
      RefreshToken,
      { tokenHash },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  byDigest(tokenHash: string): Promise<RefreshToken | null> {
    return scopedEntityManager(this.em).findOne(RefreshToken, { tokenHash }, { disableIdentityMap: true });
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await transactionalEntityManager(this.em).nativeUpdate(
      RefreshToken,
      { familyId, revokedAt: null },
      { revokedAt: at },
    );
  }

  deleteExpired(before: Date): Promise<number> {
    return scopedEntityManager(this.em).nativeDelete(RefreshToken, { expiresAt: { $lt: before } });
  }

  async revokeAllOf(userId: string, at: Date): Promise<void> {
    await transactionalEntityManager(this.em).nativeUpdate(
      RefreshToken,
      { userId, revokedAt: null },
      { revokedAt: at },
    );
  }
}
