import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { SsoHandoffRepository } from '#application/identity/sso-handoff.repository.ts';
import { SsoHandoff } from '#domain/identity/sso-handoff.entity.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

export class PostgresSsoHandoffRepository implements SsoHandoffRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(handoff: SsoHandoff): Promise<void> {
    transactionalEntityManager(this.em).persist(handoff);
  }

  deleteExpired(before: Date): Promise<number> {
    return scopedEntityManager(this.em).nativeDelete(SsoHandoff, { expiresAt: { $lt: before } });
  }

  async lockByDigest(codeHash: string): Promise<SsoHandoff | null> {
    return transactionalEntityManager(this.em).findOne(
      SsoHandoff,
      { codeHash },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }
}
