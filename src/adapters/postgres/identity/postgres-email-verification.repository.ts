import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { EmailVerificationRepository } from '#application/identity/email-verification.repository.ts';
import { EmailVerification } from '#domain/identity/email-verification.entity.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

export class PostgresEmailVerificationRepository implements EmailVerificationRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(verification: EmailVerification): Promise<void> {
    transactionalEntityManager(this.em).persist(verification);
  }

  byId(id: string): Promise<EmailVerification | null> {
    return scopedEntityManager(this.em).findOne(EmailVerification, { id }, { refresh: true });
  }

  lockById(id: string): Promise<EmailVerification | null> {
    return transactionalEntityManager(this.em).findOne(
      EmailVerification,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  deleteExpired(before: Date): Promise<number> {
    return scopedEntityManager(this.em).nativeDelete(EmailVerification, { expiresAt: { $lt: before } });
  }
}
