import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ExternalIdentityRepository } from '#application/identity/external-identity.repository.ts';
import { ExternalIdentity } from '#domain/identity/external-identity.entity.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

export class PostgresExternalIdentityRepository implements ExternalIdentityRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(identity: ExternalIdentity): Promise<void> {
    transactionalEntityManager(this.em).persist(identity);
  }

  find(issuer: string, subject: string): Promise<ExternalIdentity | null> {
    return scopedEntityManager(this.em).findOne(ExternalIdentity, { issuer, subject });
  }
}
