import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { SsoHandoffRepository } from '#application/identity/sso-handoff.repository.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { UserRepository } from '#application/users/user.repository.ts';
import { InvalidSsoHandoff } from '#domain/identity/identity.errors.ts';
import { SsoHandoff } from '#domain/identity/sso-handoff.entity.ts';
import { aUser } from '../support/builders/user.builder.ts';

export interface SsoHandoffRepositoryHarness {
  repository: SsoHandoffRepository;
  users: UserRepository;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

const at = new Date('2026-11-22T09:00:00.000Z');

/** What every SsoHandoffRepository must do, whatever stores it. */
export function ssoHandoffRepositoryContract(
  adapter: string,
  open: () => Promise<SsoHandoffRepositoryHarness>,
): void {
  describe(`SsoHandoffRepository contract: ${adapter}`, () => {
    let h: SsoHandoffRepositoryHarness;
    let userId: string;
    beforeAll(async () => {
      h = await open();
      const user = aUser();
      userId = user.id;
      await h.unitOfWork.transaction(() => h.users.add(user));
    });
    afterAll(() => h.close());

    const create = () => SsoHandoff.create({ codeHash: randomUUID(), userId, at, ttlMs: 60_000 });
    const redeem = (codeHash: string) =>
      h.unitOfWork.transaction(async () => (await h.repository.lockByDigest(codeHash))?.redeem(at) ?? null);

    it('redeems a stored code once', async () => {
      const handoff = create();
      await h.unitOfWork.transaction(() => h.repository.add(handoff));
      await expect(redeem(handoff.codeHash)).resolves.toBe(userId);
      await expect(redeem(handoff.codeHash)).rejects.toBeInstanceOf(InvalidSsoHandoff);
    });

    it('answers null for an unknown code', async () => {
      await expect(redeem('unknown')).resolves.toBeNull();
    });

    it('deletes codes that expired before a time, and only those', async () => {
      const old = SsoHandoff.create({
        codeHash: randomUUID(),
        userId,
        at: new Date('2020-01-01T00:00:00Z'),
        ttlMs: 60_000,
      });
      const fresh = create();
      await h.unitOfWork.transaction(async () => {
        await h.repository.add(old);
        await h.repository.add(fresh);
      });
      expect(await h.repository.deleteExpired(new Date('2021-01-01T00:00:00Z'))).toBe(1);
      await expect(redeem(old.codeHash)).resolves.toBeNull();
      await expect(redeem(fresh.codeHash)).resolves.toBe(userId);
    });

    it('keeps a code redeemable when the redeeming transaction failed', async () => {
      const handoff = create();
      await h.unitOfWork.transaction(() => h.repository.add(handoff));
      await expect(
        h.unitOfWork.transaction(async () => {
          (await h.repository.lockByDigest(handoff.codeHash))!.redeem(at);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      await expect(redeem(handoff.codeHash)).resolves.toBe(userId);
    });
  });
}
