import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Like } from '#domain/social/like.entity.ts';
import { at, givenPost, givenUsers, type SocialHarness } from './social-harness.ts';

/** What every LikeRepository must do, whatever stores it. */
export function likeRepositoryContract(adapter: string, open: () => Promise<SocialHarness>): void {
  describe(`LikeRepository contract: ${adapter}`, () => {
    let h: SocialHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    const likeCount = async (postId: string) => (await h.posts.byId(postId))!.likeCount;
    const add = (like: Like) => h.unitOfWork.transaction(() => h.likes.add(like));
    const remove = (like: Like) => h.unitOfWork.transaction(() => h.likes.remove(like));

    it('stores a like once: the repeat stores nothing and counts nothing', async () => {
      const [author, fan] = await givenUsers(h, 2);
      const post = await givenPost(h, author!);

      expect(await add(Like.give(post, fan!.id, at(5)))).toBe(true);
      expect(await add(Like.give(post, fan!.id, at(9)))).toBe(false);

      expect(await likeCount(post.id)).toBe(1);
      const found = await h.likes.find(fan!.id, post.id);
      expect(found).toMatchObject({ userId: fan!.id, postId: post.id });
      expect(found!.createdAt.toISOString()).toBe(at(5).toISOString());
    });

    it('counts likes from different people separately', async () => {
      const [author, a, b] = await givenUsers(h, 3);
      const post = await givenPost(h, author!);
      await add(Like.give(post, a!.id, at(1)));
      await add(Like.give(post, b!.id, at(2)));
      expect(await likeCount(post.id)).toBe(2);
      expect(await h.likes.find(author!.id, post.id)).toBeNull();
    });

    it('removes a like once: removing it again changes nothing', async () => {
      const [author, fan] = await givenUsers(h, 2);
      const post = await givenPost(h, author!);
      const like = Like.give(post, fan!.id, at(1));
      await add(like);

      expect(await remove(like)).toBe(true);
      expect(await remove(like)).toBe(false);
      expect(await likeCount(post.id)).toBe(0);
      expect(await h.likes.find(fan!.id, post.id)).toBeNull();
    });

    it('lets exactly one of many concurrent identical likes win', async () => {
      const [author, fan] = await givenUsers(h, 2);
      const post = await givenPost(h, author!);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => add(Like.give(post, fan!.id, at(1)))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await likeCount(post.id)).toBe(1);
    });

    it('keeps neither the like nor the count from a transaction that failed', async () => {
      const [author, fan] = await givenUsers(h, 2);
      const post = await givenPost(h, author!);
      await expect(
        h.unitOfWork.transaction(async () => {
          await h.likes.add(Like.give(post, fan!.id, at(1)));
          throw new Error('boom after staging');
        }),
      ).rejects.toThrow('boom after staging');
      expect(await h.likes.find(fan!.id, post.id)).toBeNull();
      expect(await likeCount(post.id)).toBe(0);
    });

    it('refuses to stage a like outside a unit of work', async () => {
      const [author, fan] = await givenUsers(h, 2);
      const post = await givenPost(h, author!);
      await expect(h.likes.add(Like.give(post, fan!.id, at(1)))).rejects.toThrow(
        /outside UnitOfWork.transaction/,
      );
    });
  });
}
