import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { PopularityCache } from '#application/feed/popularity-cache.ts';
import { mostPopularFirst, type PopularPost } from '#domain/feed/popularity.ts';

export interface PopularityCacheHarness {
  /** A fresh ranking (its own namespace) keeping at most 5 posts. */
  cache(): Promise<PopularityCache>;
  close(): Promise<void>;
}

const DAY = 86_400_000;
const NOW = new Date('2026-11-22T09:00:00.000Z').getTime();
const aPost = (score: number, ageMs = 0): PopularPost => ({
  postId: randomUUID(),
  authorId: randomUUID(),
  createdAt: new Date(NOW - ageMs),
  score,
});
const standing = (p: PopularPost, score: number | null) => ({ ...p, likeCount: 1, score });
const SINCE = new Date(NOW - 7 * DAY);

export function popularityCacheContract(adapter: string, open: () => Promise<PopularityCacheHarness>): void {
  describe(`PopularityCache contract: ${adapter}`, () => {
    let h: PopularityCacheHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    const filled = async (posts: PopularPost[], complete = true) => {
      const cache = await h.cache();
      expect(await cache.top(SINCE, null, 5)).toBeNull();
      const lease = await cache.lease();
      expect(await cache.lease()).toBeNull();
      expect(await cache.fill(lease!, { posts, complete })).toBe(true);
      return cache;
    };

    it('ranks by score, equal scores by post id, and pages after a position', async () => {
      const posts = [aPost(5), aPost(9), aPost(7), aPost(7), aPost(1)];
      const cache = await filled(posts);
      const ranked = [...posts].sort(mostPopularFirst);
      expect((await cache.top(SINCE, null, 3))!.posts).toEqual(ranked.slice(0, 3));
      const third = ranked[2]!;
      expect((await cache.top(SINCE, { score: third.score, id: third.postId }, 5))!.posts).toEqual(
        ranked.slice(3),
      );
    });

    it('leaves out posts older than the window', async () => {
      const fresh = aPost(1);
      const cache = await filled([aPost(50, 8 * DAY), fresh]);
      expect((await cache.top(SINCE, null, 5))!.posts).toEqual([fresh]);
    });

    it('moves a post when its score changes and drops it when nobody likes it any more', async () => {
      const [a, b] = [aPost(2), aPost(3)];
      const cache = await filled([a, b]);
      await cache.record(standing(a, 4));
      expect((await cache.top(SINCE, null, 5))!.posts.map((p) => [p.postId, p.score])).toEqual([
        [a.postId, 4],
        [b.postId, 3],
      ]);
      await cache.record(standing(b, null));
      expect((await cache.top(SINCE, null, 5))!.posts.map((p) => p.postId)).toEqual([a.postId]);
    });

    it('keeps the best posts up to its size, and then does not claim to be complete', async () => {
      const cache = await filled([aPost(1), aPost(2), aPost(3), aPost(4), aPost(5)]);
      const best = aPost(10);
      await cache.record(standing(best, 10));
      const top = (await cache.top(SINCE, null, 10))!;
      expect(top.posts.map((p) => p.score)).toEqual([10, 5, 4, 3, 2]);
      expect(top.complete).toBe(false);
    });

    it('leaves a post that falls below an incomplete ranking to the store', async () => {
      const kept = aPost(5);
      const falling = aPost(6);
      const cache = await filled([falling, kept], false);
      await cache.record(standing(falling, 1));
      expect((await cache.top(SINCE, null, 5))!.posts).toEqual([kept]);
    });

    it('refuses a rebuild leased before a like reached the uncached ranking', async () => {
      const cache = await h.cache();
      const lease = await cache.lease();
      await cache.record(standing(aPost(3), 3));
      expect(await cache.fill(lease!, { posts: [aPost(1)], complete: true })).toBe(false);
      expect(await cache.top(SINCE, null, 5)).toBeNull();
    });
  });
}
