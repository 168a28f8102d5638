import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { AvatarPosition, AvatarRepository } from '#application/avatars/avatar.repository.ts';
import { Avatar } from '#domain/avatars/avatar.entity.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

export class PostgresAvatarRepository implements AvatarRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(avatar: Avatar): Promise<void> {
    transactionalEntityManager(this.em).persist(avatar);
  }

  byId(id: string): Promise<Avatar | null> {
    return scopedEntityManager(this.em).findOne(Avatar, { id });
  }

  async lockById(id: string): Promise<Avatar | null> {
    // Refreshed: an identity map filled before the lock could hold a stale copy.
    return transactionalEntityManager(this.em).findOne(
      Avatar,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  listByUser(userId: string, { after, limit }: { after?: AvatarPosition; limit: number }): Promise<Avatar[]> {
    const keyset = after
      ? {
          $or: [
            { createdAt: { $lt: after.createdAt } },
            { createdAt: after.createdAt, id: { $lt: after.id } },
          ],
        }
      : {};
    return scopedEntityManager(this.em).find(
      Avatar,
      { userId, deletedAt: null, ...keyset },
      { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit },
    );
  }

  newestReady(userId: string, excludingId: string): Promise<Avatar | null> {
    return scopedEntityManager(this.em).findOne(
      Avatar,
      { userId, status: 'ready', deletedAt: null, id: { $ne: excludingId } },
      { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    );
  }
}
