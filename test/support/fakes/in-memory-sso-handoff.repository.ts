import type { SsoHandoffRepository } from '#application/identity/sso-handoff.repository.ts';
import type { SsoHandoff } from '#domain/identity/sso-handoff.entity.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export class InMemorySsoHandoffRepository implements SsoHandoffRepository {
  readonly handoffs = new Map<string, SsoHandoff>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async add(handoff: SsoHandoff): Promise<void> {
    this.uow.staged(() => this.handoffs.delete(handoff.codeHash));
    this.handoffs.set(handoff.codeHash, handoff);
  }

  async deleteExpired(before: Date): Promise<number> {
    const expired = [...this.handoffs.values()].filter((h) => h.expiresAt < before);
    for (const handoff of expired) this.handoffs.delete(handoff.codeHash);
    return expired.length;
  }

  async lockByDigest(codeHash: string): Promise<SsoHandoff | null> {
    const handoff = this.handoffs.get(codeHash) ?? null;
    // Undo a redemption made in a transaction that then failed, as the database would.
    if (handoff) {
      const redeemedAt = handoff.redeemedAt;
      this.uow.staged(() => Object.assign(handoff, { redeemedAt }));
    }
    return handoff;
  }
}
