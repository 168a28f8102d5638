import type { EmailVerificationRepository } from '#application/identity/email-verification.repository.ts';
import type { EmailVerification } from '#domain/identity/email-verification.entity.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export class InMemoryEmailVerificationRepository implements EmailVerificationRepository {
  readonly verifications = new Map<string, EmailVerification>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async add(verification: EmailVerification): Promise<void> {
    this.uow.staged(() => this.verifications.delete(verification.id));
    this.verifications.set(verification.id, verification);
  }

  async byId(id: string): Promise<EmailVerification | null> {
    return this.verifications.get(id) ?? null;
  }

  async lockById(id: string): Promise<EmailVerification | null> {
    const verification = this.verifications.get(id) ?? null;
    // Undo a use made in a transaction that then failed, as the database would.
    if (verification) {
      const usedAt = verification.usedAt;
      this.uow.staged(() => Object.assign(verification, { usedAt }));
    }
    return verification;
  }

  async deleteExpired(before: Date): Promise<number> {
    const expired = [...this.verifications.values()].filter((v) => v.expiresAt < before);
    for (const verification of expired) this.verifications.delete(verification.id);
    return expired.length;
  }
}
