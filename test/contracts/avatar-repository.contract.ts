import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AvatarRepository } from '#application/avatars/avatar.repository.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { aReadyAvatar, anAvatar, renditionsOf } from '../support/builders/avatar.builder.ts';

export interface AvatarRepositoryHarness {
  repository: AvatarRepository;
  unitOfWork: UnitOfWork;
  /** An existing user to own avatars (the real store refers to users). */
  newUserId(): Promise<string>;
  close(): Promise<void>;
}

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, seconds));

/** What every AvatarRepository must do, whatever stores it. */
export function avatarRepositoryContract(
  adapter: string,
  open: () => Promise<AvatarRepositoryHarness>,
): void {
  describe(`AvatarRepository contract: ${adapter}`, () => {
    let h: AvatarRepositoryHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(async () => {
      await h.close();
    });
    const store = (...avatars: ReturnType<typeof anAvatar>[]) =>
      h.unitOfWork.transaction(async () => {
        for (const avatar of avatars) await h.repository.add(avatar);
      });

    it('finds a stored avatar by id with every field intact, renditions included', async () => {
      const avatar = aReadyAvatar({
        userId: await h.newUserId(),
        fileName: 'Ada – portrait.png',
        format: 'png',
      });
      await store(avatar);

      const found = await h.repository.byId(avatar.id);
      expect(found).toMatchObject({
        id: avatar.id,
        userId: avatar.userId,
        status: 'ready',
        fileName: 'Ada – portrait.png',
        mimeType: 'image/png',
        sizeBytes: avatar.sizeBytes,
        width: 640,
        height: 480,
        storageKey: avatar.storageKey,
        failureReason: null,
        deletedAt: null,
        purgedAt: null,
      });
      expect(found?.renditions).toEqual(renditionsOf(avatar));
      expect(found?.createdAt.toISOString()).toBe(avatar.createdAt.toISOString());
    });

    it('answers null for an avatar that does not exist', async () => {
      expect(await h.repository.byId('00000000-0000-7000-8000-00000000dead')).toBeNull();
    });

    it('keeps the changes made to an avatar loaded for change in a unit of work', async () => {
      const avatar = anAvatar({ userId: await h.newUserId() });
      await store(avatar);
      await h.unitOfWork.transaction(async () => {
        const locked = await h.repository.lockById(avatar.id);
        locked!.markFailed('cannot decode', at(5));
      });
      expect(await h.repository.byId(avatar.id)).toMatchObject({
        status: 'failed',
        failureReason: 'cannot decode',
      });
    });

    it('lists a user’s live avatars newest first, page by page, without deleted ones', async () => {
      const userId = await h.newUserId();
      const avatars = [1, 2, 3, 4, 5].map((s) => anAvatar({ userId, at: at(s) }));
      const twin = anAvatar({ userId, at: at(5) }); // same instant: the id breaks the tie
      const deleted = anAvatar({ userId, at: at(6) });
      deleted.deleteBy(userId, at(7));
      await store(...avatars, twin, deleted, anAvatar({ userId: await h.newUserId(), at: at(9) }));

      const first = await h.repository.listByUser(userId, { limit: 4 });
      const last = first.at(-1)!;
      const second = await h.repository.listByUser(userId, {
        after: { createdAt: last.createdAt, id: last.id },
        limit: 4,
      });

      const expected = [...avatars, twin]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((a) => a.id);
      expect([...first, ...second].map((a) => a.id)).toEqual(expected);
      expect(second).toHaveLength(2);
    });

    it('finds the newest ready avatar other than the one being removed', async () => {
      const userId = await h.newUserId();
      const older = aReadyAvatar({ userId, at: at(1) });
      const newer = aReadyAvatar({ userId, at: at(2) });
      const processing = anAvatar({ userId, at: at(3) });
      const deleted = aReadyAvatar({ userId, at: at(4) });
      deleted.deleteBy(userId, at(5));
      await store(older, newer, processing, deleted);

      expect((await h.repository.newestReady(userId, deleted.id))?.id).toBe(newer.id);
      expect((await h.repository.newestReady(userId, newer.id))?.id).toBe(older.id);
      expect(await h.repository.newestReady(await h.newUserId(), newer.id)).toBeNull();
    });

    it('keeps nothing from a transaction that failed', async () => {
      const avatar = anAvatar({ userId: await h.newUserId() });
      const failure = new Error('boom after staging');
      await expect(
        h.unitOfWork.transaction(async () => {
          await h.repository.add(avatar);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await h.repository.byId(avatar.id)).toBeNull();
    });

    it('refuses to stage or lock an avatar outside a unit of work', async () => {
      await expect(h.repository.add(anAvatar())).rejects.toThrow(/outside UnitOfWork.transaction/);
      await expect(h.repository.lockById(anAvatar().id)).rejects.toThrow(/outside UnitOfWork.transaction/);
    });
  });
}
