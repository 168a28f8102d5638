import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { RefreshTokenRepository } from '#application/identity/refresh-token.repository.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { UserRepository } from '#application/users/user.repository.ts';
import { RefreshToken } from '#domain/identity/refresh-token.entity.ts';
import { aUser } from '../support/builders/user.builder.ts';

export interface RefreshTokenRepositoryHarness {
  repository: RefreshTokenRepository;
  users: UserRepository;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const at = new Date('2026-11-22T09:00:00.000Z');
const DAY = 86_400_000;

/** What every RefreshTokenRepository must do, whatever stores it. */
export function refreshTokenRepositoryContract(
  adapter: string,
  open: () => Promise<RefreshTokenRepositoryHarness>,
): void {
  describe(`RefreshTokenRepository contract: ${adapter}`, () => {
    let h: RefreshTokenRepositoryHarness;
    let userId: string;
    beforeAll(async () => {
      h = await open();
      const user = aUser();
      userId = user.id;
      await h.unitOfWork.transaction(() => h.users.add(user));
    });
    afterAll(() => h.close());

    const issue = (overrides: { familyId?: string; userId?: string } = {}) =>
      RefreshToken.issue({
        id: randomUUID(),
        userId,
        tokenHash: randomUUID(),
        at,
        ttlMs: 30 * DAY,
        ...overrides,
      });
    const tx = <T>(work: () => Promise<T>) => h.unitOfWork.transaction(work);
    const load = (token: RefreshToken) => tx(() => h.repository.lockByDigest(token.tokenHash));

    it('finds a stored token by its digest with every field intact', async () => {
      const token = issue();
      await tx(() => h.repository.add(token));
      const found = await load(token);
      expect(found).toMatchObject({ id: token.id, familyId: token.id, userId, tokenHash: token.tokenHash });
      expect(found?.expiresAt.toISOString()).toBe(new Date(at.getTime() + 30 * DAY).toISOString());
      expect(found?.stateAt(at)).toBe('active');
    });

    it('answers null for a digest it never stored', async () => {
      expect(await tx(() => h.repository.lockByDigest('no-such-digest'))).toBeNull();
    });

    it('reads a token by its digest outside a unit of work, and null for an unknown digest', async () => {
      const token = issue();
      await tx(() => h.repository.add(token));
      expect(await h.repository.byDigest(token.tokenHash)).toMatchObject({
        id: token.id,
        familyId: token.id,
        userId,
      });
      expect(await h.repository.byDigest('no-such-digest')).toBeNull();
    });

    it('keeps a rotation: the old token reads as rotated, the next one as active', async () => {
      const first = issue();
      await tx(() => h.repository.add(first));
      const next = await tx(async () => {
        const current = (await h.repository.lockByDigest(first.tokenHash))!;
        const rotated = current.rotate({ id: randomUUID(), tokenHash: randomUUID() }, at, DAY);
        await h.repository.add(rotated);
        return rotated;
      });
      expect((await load(first))?.stateAt(at)).toBe('rotated');
      expect((await load(next))?.stateAt(at)).toBe('active');
      expect((await load(next))?.familyId).toBe(first.id);
    });

    it('revokes a whole family and nothing else', async () => {
      const first = issue();
      const sibling = issue({ familyId: first.id });
      const stranger = issue();
      await tx(async () => {
        for (const t of [first, sibling, stranger]) await h.repository.add(t);
      });
      await tx(() => h.repository.revokeFamily(first.id, at));
      expect((await load(first))?.stateAt(at)).toBe('revoked');
      expect((await load(sibling))?.stateAt(at)).toBe('revoked');
      expect((await load(stranger))?.stateAt(at)).toBe('active');
    });

    it('revokes every token of one user and nobody else', async () => {
      const other = aUser();
      await tx(() => h.users.add(other));
      const mine = [issue(), issue()];
      const theirs = issue({ userId: other.id });
      await tx(async () => {
        for (const t of [...mine, theirs]) await h.repository.add(t);
      });
      await tx(() => h.repository.revokeAllOf(userId, at));
      for (const t of mine) expect((await load(t))?.stateAt(at)).toBe('revoked');
      expect((await load(theirs))?.stateAt(at)).toBe('active');
    });

    it('deletes tokens that expired before a time, and only those', async () => {
      const old = RefreshToken.issue({
        id: randomUUID(),
        userId,
        tokenHash: randomUUID(),
        at: new Date('2020-01-01T00:00:00Z'),
        ttlMs: DAY,
      });
      const fresh = issue();
      await tx(async () => {
        await h.repository.add(old);
        await h.repository.add(fresh);
      });
      expect(await h.repository.deleteExpired(new Date('2021-01-01T00:00:00Z'))).toBeGreaterThanOrEqual(1);
      expect(await load(old)).toBeNull();
      expect(await load(fresh)).not.toBeNull();
    });

    it('keeps nothing from a transaction that failed', async () => {
      const token = issue();
      await expect(
        tx(async () => {
          await h.repository.add(token);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await load(token)).toBeNull();
    });

    it('refuses to stage or lock outside a unit of work', async () => {
      await expect(h.repository.add(issue())).rejects.toThrow(/outside UnitOfWork.transaction/);
      await expect(h.repository.lockByDigest('x')).rejects.toThrow(/outside UnitOfWork.transaction/);
    });
  });
}
