import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { UserRepository } from '#application/users/user.repository.ts';
import { EmailAlreadyRegistered, HandleTaken } from '#domain/users/user.errors.ts';
import { aUser } from '../support/builders/user.builder.ts';

export interface UserRepositoryHarness {
  repository: UserRepository;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

/** What every UserRepository must do, whatever stores it. */
export function userRepositoryContract(adapter: string, open: () => Promise<UserRepositoryHarness>): void {
  describe(`UserRepository contract: ${adapter}`, () => {
    let h: UserRepositoryHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.close();
    });

    it('finds a stored user by id, e-mail and handle with every field intact', async () => {
      const user = aUser({ displayName: 'Ada Lovelace', passwordHash: 'hash' });
      await h.unitOfWork.transaction(() => h.repository.add(user));

      expect(await h.repository.exists(user.id)).toBe(true);
      for (const found of [
        await h.repository.byId(user.id),
        await h.repository.byEmail(user.email),
        await h.repository.byHandle(user.handle),
      ]) {
        expect(found).toMatchObject({
          id: user.id,
          email: user.email,
          handle: user.handle,
          displayName: 'Ada Lovelace',
          passwordHash: 'hash',
        });
        expect(found?.createdAt.toISOString()).toBe(user.createdAt.toISOString());
      }
    });

    it('answers null for someone who does not exist', async () => {
      expect(await h.repository.byId('00000000-0000-7000-8000-00000000dead')).toBeNull();
      expect(await h.repository.exists('00000000-0000-7000-8000-00000000dead')).toBe(false);
      expect(await h.repository.byEmail('nobody@example.com')).toBeNull();
      expect(await h.repository.byHandle('nobody_here')).toBeNull();
    });

    it('refuses a second account with the same e-mail', async () => {
      const first = aUser();
      await h.unitOfWork.transaction(() => h.repository.add(first));
      const second = aUser({ email: first.email });

      await expect(h.unitOfWork.transaction(() => h.repository.add(second))).rejects.toBeInstanceOf(
        EmailAlreadyRegistered,
      );
      expect(await h.repository.byId(second.id)).toBeNull();
    });

    it('refuses a second account with the same handle', async () => {
      const first = aUser();
      await h.unitOfWork.transaction(() => h.repository.add(first));

      await expect(
        h.unitOfWork.transaction(() => h.repository.add(aUser({ handle: first.handle }))),
      ).rejects.toBeInstanceOf(HandleTaken);
    });

    it('keeps nothing from a transaction that failed', async () => {
      const user = aUser();
      const failure = new Error('boom after staging');

      await expect(
        h.unitOfWork.transaction(async () => {
          await h.repository.add(user);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await h.repository.byId(user.id)).toBeNull();
    });

    it('keeps the changes made to a user locked for change in a unit of work', async () => {
      const user = aUser({ displayName: 'Before' });
      await h.unitOfWork.transaction(() => h.repository.add(user));
      await h.unitOfWork.transaction(async () => {
        const locked = await h.repository.lockById(user.id);
        locked!.rename('After', new Date('2026-11-22T12:00:00.000Z'));
      });
      expect((await h.repository.byId(user.id))?.displayName).toBe('After');
    });

    it('answers null when locking someone who does not exist', async () => {
      await expect(
        h.unitOfWork.transaction(() => h.repository.lockById('00000000-0000-7000-8000-00000000dead')),
      ).resolves.toBeNull();
    });

    it('refuses to stage or lock a user outside a unit of work', async () => {
      await expect(h.repository.add(aUser())).rejects.toThrow(/outside UnitOfWork.transaction/);
      await expect(h.repository.lockById(aUser().id)).rejects.toThrow(/outside UnitOfWork.transaction/);
    });
  });
}
