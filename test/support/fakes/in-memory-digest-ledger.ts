import type { DigestLedger } from '#application/digest/digest-ledger.ts';
import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

/** (date, user) → event id (null until attached). */
export class InMemoryDigestLedger implements DigestLedger {
  readonly records = new Map<string, string | null>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async claim(date: DigestDate, userIds: readonly string[]): Promise<string[]> {
    const fresh = [...new Set(userIds)].filter((id) => !this.records.has(`${date.value}/${id}`));
    for (const id of fresh) {
      const key = `${date.value}/${id}`;
      this.uow.staged(() => this.records.delete(key));
      this.records.set(key, null);
    }
    return fresh;
  }

  async attachEvents(date: DigestDate, entries: readonly { userId: string; eventId: string }[]) {
    for (const { userId, eventId } of entries) {
      const key = `${date.value}/${userId}`;
      if (!this.records.has(key)) continue;
      const before = this.records.get(key)!;
      this.uow.staged(() => this.records.set(key, before));
      this.records.set(key, eventId);
    }
  }

  async forget(date: DigestDate): Promise<number> {
    const keys = [...this.records.keys()].filter((k) => k.startsWith(`${date.value}/`));
    for (const key of keys) {
      const before = this.records.get(key)!;
      this.uow.staged(() => this.records.set(key, before));
      this.records.delete(key);
    }
    return keys.length;
  }

  async prune(before: DigestDate): Promise<number> {
    const keys = [...this.records.keys()].filter((k) => k.slice(0, 10) < before.value);
    keys.forEach((key) => this.records.delete(key));
    return keys.length;
  }

  eventOf(date: DigestDate, userId: string): string | null | undefined {
    return this.records.get(`${date.value}/${userId}`);
  }
}
