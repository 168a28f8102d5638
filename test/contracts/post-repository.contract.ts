import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Post } from '#domain/social/post.entity.ts';
import { at, givenPost, givenUsers, reload, type SocialHarness } from './social-harness.ts';

/** What every PostRepository must do, whatever stores it. */
export function postRepositoryContract(adapter: string, open: () => Promise<SocialHarness>): void {
  describe(`PostRepository contract: ${adapter}`, () => {
    let h: SocialHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    it('finds a stored post by id with every field intact', async () => {
      const [author] = await givenUsers(h, 1);
      const post = await givenPost(h, author!, 1234, '  Hello, 世界 👋🏽\nsecond line ');

      const found = await h.posts.byId(post.id);
      expect(found).toBeInstanceOf(Post);
      expect(found).toMatchObject({
        id: post.id,
        authorId: author!.id,
        text: 'Hello, 世界 👋🏽\nsecond line',
        likeCount: 0,
      });
      expect(found!.createdAt.toISOString()).toBe(at(1234).toISOString());
    });

    it("counts each post in its author's posts_count", async () => {
      const [author] = await givenUsers(h, 1);
      await givenPost(h, author!);
      await givenPost(h, author!, 1);

      expect((await reload(h, author!)).postsCount).toBe(2);
    });

    it('answers null for a post that does not exist', async () => {
      expect(await h.posts.byId(randomUUID())).toBeNull();
    });

    it('keeps neither the post nor the count from a transaction that failed', async () => {
      const [author] = await givenUsers(h, 1);
      const post = Post.create({ id: randomUUID(), authorId: author!.id, text: 'lost', at: at(0) });
      await expect(
        h.unitOfWork.transaction(async () => {
          await h.posts.add(post);
          throw new Error('boom after staging');
        }),
      ).rejects.toThrow('boom after staging');

      expect(await h.posts.byId(post.id)).toBeNull();
      expect((await reload(h, author!)).postsCount).toBe(0);
    });

    it('refuses to stage a post outside a unit of work', async () => {
      const [author] = await givenUsers(h, 1);
      const post = Post.create({ id: randomUUID(), authorId: author!.id, text: 'x', at: at(0) });
      await expect(h.posts.add(post)).rejects.toThrow(/outside UnitOfWork.transaction/);
    });
  });
}
