import type { ExternalIdentityRepository } from '#application/identity/external-identity.repository.ts';
import type { ExternalIdentity } from '#domain/identity/external-identity.entity.ts';
import { ExternalIdentityTaken } from '#domain/identity/identity.errors.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export class InMemoryExternalIdentityRepository implements ExternalIdentityRepository {
  readonly identities = new Map<string, ExternalIdentity>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async add(identity: ExternalIdentity): Promise<void> {
    const key = `${identity.issuer} ${identity.subject}`;
    if (this.identities.has(key)) throw new ExternalIdentityTaken();
    this.uow.staged(() => this.identities.delete(key));
    this.identities.set(key, identity);
  }

  async find(issuer: string, subject: string): Promise<ExternalIdentity | null> {
    return this.identities.get(`${issuer} ${subject}`) ?? null;
  }
}
