import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { UserRepository } from '#application/users/user.repository.ts';
import { User } from '#domain/users/user.entity.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

export class PostgresUserRepository implements UserRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(user: User): Promise<void> {
    transactionalEntityManager(this.em).persist(user);
  }

  byId(id: string): Promise<User | null> {
    return scopedEntityManager(this.em).findOne(User, { id });
  }

  async lockById(id: string): Promise<User | null> {
    // Refreshed: an identity map filled before the lock could hold a stale copy.
    return transactionalEntityManager(this.em).findOne(
      User,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  async exists(id: string): Promise<boolean> {
    // Raw and without the identity map: asked on every authenticated request.
    const rows = await scopedEntityManager(this.em).execute<unknown[]>(
      'select 1 from users where id = ? limit 1',
      [id],
    );
    return rows.length > 0;
  }

  byEmail(email: string): Promise<User | null> {
    return scopedEntityManager(this.em).findOne(User, { email });
  }

  byHandle(handle: string): Promise<User | null> {
    return scopedEntityManager(this.em).findOne(User, { handle });
  }
}
