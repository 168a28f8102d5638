import type { RefreshTokenRepository } from '#application/identity/refresh-token.repository.ts';
import type { RefreshToken } from '#domain/identity/refresh-token.entity.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  readonly tokens = new Map<string, RefreshToken>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async add(token: RefreshToken): Promise<void> {
    if ([...this.tokens.values()].some((t) => t.tokenHash === token.tokenHash)) {
      throw new Error('duplicate refresh token digest');
    }
    this.uow.staged(() => this.tokens.delete(token.id));
    this.tokens.set(token.id, token);
  }

  async lockByDigest(tokenHash: string): Promise<RefreshToken | null> {
    this.uow.staged(() => {}); // like SELECT … FOR UPDATE, only meaningful inside a transaction
    return [...this.tokens.values()].find((t) => t.tokenHash === tokenHash) ?? null;
  }

  async byDigest(tokenHash: string): Promise<RefreshToken | null> {
    return [...this.tokens.values()].find((t) => t.tokenHash === tokenHash) ?? null;
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    this.revokeWhere((t) => t.familyId === familyId, at);
  }

  async revokeAllOf(userId: string, at: Date): Promise<void> {
    this.revokeWhere((t) => t.userId === userId, at);
  }

  async deleteExpired(before: Date): Promise<number> {
    const expired = [...this.tokens.values()].filter((t) => t.expiresAt < before);
    for (const token of expired) this.tokens.delete(token.id);
    return expired.length;
  }

  /** Stands in for an SQL UPDATE: writes the column, bypassing the aggregate. */
  private revokeWhere(match: (t: RefreshToken) => boolean, at: Date): void {
    for (const token of this.tokens.values()) {
      if (!match(token) || token.revokedAt) continue;
      this.uow.staged(() => Object.assign(token, { revokedAt: null }));
      Object.assign(token, { revokedAt: at });
    }
  }
}
