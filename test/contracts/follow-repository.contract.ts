import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Follow } from '#domain/social/follow.entity.ts';
import { at, givenUsers, reload, type SocialHarness } from './social-harness.ts';

/** What every FollowRepository must do, whatever stores it. */
export function followRepositoryContract(adapter: string, open: () => Promise<SocialHarness>): void {
  describe(`FollowRepository contract: ${adapter}`, () => {
    let h: SocialHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    const add = (f: Follow) => h.unitOfWork.transaction(() => h.follows.add(f));
    const remove = (f: Follow) => h.unitOfWork.transaction(() => h.follows.remove(f));
    const counts = async (...users: { id: string }[]) =>
      Promise.all(
        users.map(async (u) => {
          const found = await reload(h, u);
          return [found.followersCount, found.followingCount];
        }),
      );

    it('stores a follow once and counts it on both sides', async () => {
      const [ada, bob] = await givenUsers(h, 2);
      expect(await add(Follow.start(ada!.id, bob!.id, at(3)))).toBe(true);
      expect(await add(Follow.start(ada!.id, bob!.id, at(4)))).toBe(false);

      expect(await counts(ada!, bob!)).toEqual([
        [0, 1],
        [1, 0],
      ]);
      const found = await h.follows.find(ada!.id, bob!.id);
      expect(found).toMatchObject({ followerId: ada!.id, followeeId: bob!.id });
      expect(found!.createdAt.toISOString()).toBe(at(3).toISOString());
      expect(await h.follows.find(bob!.id, ada!.id)).toBeNull();
    });

    it('removes a follow once and uncounts it on both sides', async () => {
      const [ada, bob] = await givenUsers(h, 2);
      const follow = Follow.start(ada!.id, bob!.id, at(0));
      await add(follow);
      expect(await remove(follow)).toBe(true);
      expect(await remove(follow)).toBe(false);
      expect(await counts(ada!, bob!)).toEqual([
        [0, 0],
        [0, 0],
      ]);
      expect(await h.follows.find(ada!.id, bob!.id)).toBeNull();
    });

    it('lets two people follow each other at the same moment, many times over, without deadlock or lost counts', async () => {
      const pairs = await Promise.all(Array.from({ length: 10 }, () => givenUsers(h, 2)));
      await Promise.all(
        pairs.flatMap(([a, b]) => [
          add(Follow.start(a!.id, b!.id, at(1))),
          add(Follow.start(b!.id, a!.id, at(1))),
        ]),
      );
      for (const [a, b] of pairs)
        expect(await counts(a!, b!)).toEqual([
          [1, 1],
          [1, 1],
        ]);
    });

    it('keeps neither the follow nor the counts from a transaction that failed', async () => {
      const [ada, bob] = await givenUsers(h, 2);
      await expect(
        h.unitOfWork.transaction(async () => {
          await h.follows.add(Follow.start(ada!.id, bob!.id, at(0)));
          throw new Error('boom after staging');
        }),
      ).rejects.toThrow('boom after staging');
      expect(await h.follows.find(ada!.id, bob!.id)).toBeNull();
      expect(await counts(ada!, bob!)).toEqual([
        [0, 0],
        [0, 0],
      ]);
    });

    it('refuses to stage a follow outside a unit of work', async () => {
      const [ada, bob] = await givenUsers(h, 2);
      await expect(h.follows.add(Follow.start(ada!.id, bob!.id, at(0)))).rejects.toThrow(
        /outside UnitOfWork.transaction/,
      );
    });
  });
}
