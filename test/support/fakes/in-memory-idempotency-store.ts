import type {
  ClaimOutcome,
  IdempotencyClaim,
  IdempotencyStore,
  StoredResponse,
} from '#application/idempotency/idempotency-store.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

interface Entry {
  fingerprint: string;
  token: string;
  status: 'in_progress' | 'completed';
  lockedUntil: Date;
  expiresAt: Date;
  response: StoredResponse | null;
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  readonly entries = new Map<string, Entry>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async claim(c: IdempotencyClaim): Promise<ClaimOutcome> {
    this.outsideTransaction('claim');
    const id = `${c.userId}/${c.key}`;
    const existing = this.entries.get(id);
    const free =
      !existing ||
      existing.expiresAt <= c.now ||
      (existing.status === 'in_progress' &&
        existing.lockedUntil <= c.now &&
        existing.fingerprint === c.fingerprint);
    if (free) {
      this.entries.set(id, {
        fingerprint: c.fingerprint,
        token: c.token,
        status: 'in_progress',
        lockedUntil: c.lockedUntil,
        expiresAt: c.expiresAt,
        response: null,
      });
      return { kind: 'claimed' };
    }
    if (existing.fingerprint !== c.fingerprint) return { kind: 'mismatch' };
    if (existing.status === 'in_progress') return { kind: 'in_progress' };
    return { kind: 'completed', response: structuredClone(existing.response!) };
  }

  async complete(userId: string, key: string, token: string, response: StoredResponse): Promise<boolean> {
    this.uow.staged(() => {});
    const entry = this.entries.get(`${userId}/${key}`);
    if (!entry || entry.token !== token || entry.status !== 'in_progress') return false;
    const before = { ...entry };
    this.uow.staged(() => Object.assign(entry, before));
    Object.assign(entry, { status: 'completed', response: structuredClone(response) });
    return true;
  }

  async release(userId: string, key: string, token: string): Promise<void> {
    this.outsideTransaction('release');
    const entry = this.entries.get(`${userId}/${key}`);
    if (entry?.token === token && entry.status === 'in_progress') this.entries.delete(`${userId}/${key}`);
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    const expired = [...this.entries].filter(([, e]) => e.expiresAt <= now).slice(0, limit);
    for (const [id] of expired) this.entries.delete(id);
    return expired.length;
  }

  private outsideTransaction(operation: string): void {
    let inside = true;
    try {
      this.uow.staged(() => {});
    } catch {
      inside = false;
    }
    if (inside)
      throw new Error(`IdempotencyStore.${operation}() must not run inside UnitOfWork.transaction().`);
  }
}
