import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { popularityScore } from '#domain/feed/popularity.ts';
import { T0 } from '../support/feed/feed-entries.ts';
import { givenPost, givenUsers, inTransaction, like, type FeedStoreHarness } from './feed-store-harness.ts';

export function feedItemSourceContract(adapter: string, open: () => Promise<FeedStoreHarness>): void {
  describe(`FeedItemSource and PopularityStore contract: ${adapter}`, () => {
    let h: FeedStoreHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    it('gives posts with their like counts, authors, and which posts a viewer likes', async () => {
      const [author, fan] = await givenUsers(h, 2);
      const [a, b] = [await givenPost(h, author!, 0), await givenPost(h, author!, 1)];
      await like(h, fan!, a.postId);
      const cards = await h.items.posts([a.postId, b.postId, randomUUID()]);
      expect(cards.map((c) => [c.id, c.authorId, c.likeCount, c.createdAt.getTime()]).sort()).toEqual(
        [
          [a.postId, author!.id, 1, T0],
          [b.postId, author!.id, 0, T0 + 1],
        ].sort(),
      );
      expect(cards.find((c) => c.id === a.postId)!.text).toBe('post at 0');
      const summary = {
        id: author!.id,
        handle: author!.handle,
        displayName: author!.displayName,
        avatarId: null,
      };
      expect(cards.map((c) => c.author)).toEqual([summary, summary]);
      expect(await h.items.authors([author!.id])).toEqual([summary]);
      expect(await h.items.likedBy(fan!.id, [a.postId, b.postId])).toEqual(new Set([a.postId]));
      expect(await h.items.posts([])).toEqual([]);
      expect(await h.items.likesSince(fan!.id, '00000000-0000-0000-0000-000000000000', 10)).toEqual([
        a.postId,
      ]);
      expect(await h.items.likesSince(fan!.id, 'ffffffff-ffff-ffff-ffff-ffffffffffff', 10)).toEqual([]);
      expect(await h.items.likesSince(fan!.id, '00000000-0000-0000-0000-000000000000', 0)).toBeNull();
    });

    it('counts likes and unlikes of a post in any order and scores it, nothing for unknown posts', async () => {
      const [author] = await givenUsers(h, 1);
      const post = await givenPost(h, author!, 0);
      const score = (likes: number, at: Date) => popularityScore(likes, at, 24);
      const apply = (delta: 1 | -1) => inTransaction(h, () => h.popularity.apply(post.postId, delta, score));
      expect((await apply(-1))!.score).toBeNull();
      await apply(1);
      await apply(1);
      const standing = await apply(1);
      expect(standing).toEqual({ ...post, likeCount: 2, score: score(2, post.createdAt) });
      expect(await inTransaction(h, () => h.popularity.apply(randomUUID(), 1, score))).toBeNull();
    });

    it('ranks liked posts of the window by score, and pages after a position', async () => {
      const [author] = await givenUsers(h, 1);
      const base = 9_000_000_000;
      const posts = [await givenPost(h, author!, base), await givenPost(h, author!, base + 1)];
      const old = await givenPost(h, author!, base - 10 * 86_400_000);
      const score = (likes: number, at: Date) => popularityScore(likes, at, 24);
      for (const [post, likes] of [
        [posts[0]!, 3],
        [posts[1]!, 1],
        [old, 50],
      ] as const)
        for (let i = 0; i < likes; i++)
          await inTransaction(h, () => h.popularity.apply(post.postId, 1, score));
      const since = new Date(T0 + base - 86_400_000);
      const top = await h.popularity.top(since, null, 10);
      expect(top.map((p) => p.postId)).toEqual([posts[0]!.postId, posts[1]!.postId]);
      expect(top[0]!.score).toBe(score(3, posts[0]!.createdAt));
      const after = await h.popularity.top(since, { score: top[0]!.score, id: top[0]!.postId }, 10);
      expect(after.map((p) => p.postId)).toEqual([posts[1]!.postId]);
    });
  });
}
