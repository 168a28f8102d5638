import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { IdempotencyClaim, IdempotencyStore } from '#application/idempotency/idempotency-store.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { UserRepository } from '#application/users/user.repository.ts';
import { aUser } from '../support/builders/user.builder.ts';

export interface IdempotencyStoreHarness {
  store: IdempotencyStore;
  users: UserRepository;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const T0 = new Date('2026-11-22T09:00:00.000Z');
const MINUTE = 60_000;
const created = { status: 201, headers: { location: '/api/v1/posts/1' }, body: { id: '1', text: 'hi' } };

/** What every IdempotencyStore must do, whatever stores the keys. */
export function idempotencyStoreContract(
  adapter: string,
  open: () => Promise<IdempotencyStoreHarness>,
): void {
  describe(`IdempotencyStore contract: ${adapter}`, () => {
    let h: IdempotencyStoreHarness;
    let userId: string;
    beforeAll(async () => {
      h = await open();
      const user = aUser();
      await h.unitOfWork.transaction(() => h.users.add(user));
      userId = user.id;
    });
    afterAll(() => h.close());

    const claimOf = (overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
      userId,
      key: overrides.key ?? randomUUID(),
      fingerprint: 'a'.repeat(64),
      token: randomUUID(),
      now: T0,
      lockedUntil: new Date(T0.getTime() + MINUTE),
      expiresAt: new Date(T0.getTime() + 24 * 60 * MINUTE),
      ...overrides,
    });
    const complete = (c: IdempotencyClaim) =>
      h.unitOfWork.transaction(() => h.store.complete(c.userId, c.key, c.token, created));

    it('claims a new key, then tells a retry of the same request it is still running', async () => {
      const first = claimOf();
      expect(await h.store.claim(first)).toEqual({ kind: 'claimed' });
      expect(await h.store.claim({ ...first, token: randomUUID() })).toEqual({ kind: 'in_progress' });
    });

    it('replays the stored response to a retry of a completed request', async () => {
      const first = claimOf();
      await h.store.claim(first);
      expect(await complete(first)).toBe(true);
      expect(
        await h.store.claim({ ...first, token: randomUUID(), now: new Date(T0.getTime() + 5 * MINUTE) }),
      ).toEqual({
        kind: 'completed',
        response: created,
      });
    });

    it('replays a response without a body as such', async () => {
      const first = claimOf();
      await h.store.claim(first);
      await h.unitOfWork.transaction(() =>
        h.store.complete(first.userId, first.key, first.token, { status: 204, headers: {}, body: null }),
      );
      expect(await h.store.claim({ ...first, token: randomUUID() })).toEqual({
        kind: 'completed',
        response: { status: 204, headers: {}, body: null },
      });
    });

    it('refuses the key for a different request, running or completed', async () => {
      const running = claimOf();
      await h.store.claim(running);
      expect(await h.store.claim({ ...running, token: randomUUID(), fingerprint: 'b'.repeat(64) })).toEqual({
        kind: 'mismatch',
      });
      const done = claimOf();
      await h.store.claim(done);
      await complete(done);
      expect(await h.store.claim({ ...done, token: randomUUID(), fingerprint: 'b'.repeat(64) })).toEqual({
        kind: 'mismatch',
      });
    });

    it('keeps keys of different users apart', async () => {
      const other = aUser();
      await h.unitOfWork.transaction(() => h.users.add(other));
      const mine = claimOf();
      await h.store.claim(mine);
      expect(
        await h.store.claim({ ...mine, userId: other.id, token: randomUUID(), fingerprint: 'c'.repeat(64) }),
      ).toEqual({
        kind: 'claimed',
      });
    });

    it('frees a released claim for the retry', async () => {
      const first = claimOf();
      await h.store.claim(first);
      await h.store.release(first.userId, first.key, first.token);
      expect(await h.store.claim({ ...first, token: randomUUID() })).toEqual({ kind: 'claimed' });
    });

    it('ignores a release by someone who no longer holds the claim', async () => {
      const first = claimOf();
      await h.store.claim(first);
      await h.store.release(first.userId, first.key, randomUUID());
      expect(await h.store.claim({ ...first, token: randomUUID() })).toEqual({ kind: 'in_progress' });
    });

    it('lets the same request take over a claim abandoned past its lease, and the old holder can no longer complete', async () => {
      const first = claimOf();
      await h.store.claim(first);
      const retry = { ...first, token: randomUUID(), now: new Date(T0.getTime() + 2 * MINUTE) };
      expect(await h.store.claim(retry)).toEqual({ kind: 'claimed' });
      expect(await complete(first)).toBe(false);
      expect(await complete(retry)).toBe(true);
    });

    it('does not hand an abandoned claim to a different request', async () => {
      const first = claimOf();
      await h.store.claim(first);
      const other = {
        ...first,
        token: randomUUID(),
        fingerprint: 'd'.repeat(64),
        now: new Date(T0.getTime() + 2 * MINUTE),
      };
      expect(await h.store.claim(other)).toEqual({ kind: 'mismatch' });
    });

    it('forgets an expired key: anything may claim it again', async () => {
      const first = claimOf();
      await h.store.claim(first);
      await complete(first);
      const later = new Date(first.expiresAt.getTime() + 1);
      const again = claimOf({ key: first.key, fingerprint: 'e'.repeat(64), now: later });
      expect(await h.store.claim(again)).toEqual({ kind: 'claimed' });
    });

    it('keeps the claim running when the transaction that completed it rolled back', async () => {
      const first = claimOf();
      await h.store.claim(first);
      await expect(
        h.unitOfWork.transaction(async () => {
          await h.store.complete(first.userId, first.key, first.token, created);
          throw new Error('command failed after completing');
        }),
      ).rejects.toThrow('command failed');
      expect(await h.store.claim({ ...first, token: randomUUID() })).toEqual({ kind: 'in_progress' });
    });

    it('deletes expired keys, at most as many as asked, and only expired ones', async () => {
      const far = new Date('2030-01-01T00:00:00.000Z');
      const soon = [claimOf({ expiresAt: far }), claimOf({ expiresAt: far })];
      const late = claimOf({ expiresAt: new Date(far.getTime() + 1) });
      for (const c of [...soon, late]) await h.store.claim(c);
      await h.store.deleteExpired(new Date(far.getTime() - 1), 1_000); // whatever earlier tests left
      expect(await h.store.deleteExpired(far, 1)).toBe(1);
      expect(await h.store.deleteExpired(far, 10)).toBe(1);
      expect(await h.store.claim({ ...late, token: randomUUID() })).toEqual({ kind: 'in_progress' });
    });

    it('refuses to claim inside a unit of work (a retry must see the claim at once)', async () => {
      await expect(h.unitOfWork.transaction(() => h.store.claim(claimOf()))).rejects.toThrow(
        /must not run inside UnitOfWork.transaction/,
      );
    });
  });
}
