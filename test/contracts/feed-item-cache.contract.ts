import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { FeedItemCache, PostBody } from '#application/feed/feed-item-cache.ts';

export interface FeedItemCacheHarness {
  /** Post bodies live `postSeconds`; authors and counts an hour. */
  cache(postSeconds?: number): FeedItemCache;
  close(): Promise<void>;
}

const aPost = (): PostBody => ({
  id: randomUUID(),
  authorId: randomUUID(),
  text: 'hello ✨\nworld',
  createdAt: new Date('2026-11-22T09:00:00.123Z'),
});
const VIEWER = randomUUID();
const anAuthor = (id = randomUUID()) => ({
  id,
  handle: `h_${id.slice(0, 6)}`,
  displayName: 'Ada',
  avatarId: null,
});

export function feedItemCacheContract(adapter: string, open: () => Promise<FeedItemCacheHarness>): void {
  describe(`FeedItemCache contract: ${adapter}`, () => {
    let h: FeedItemCacheHarness;
    let cache: FeedItemCache;
    beforeAll(async () => {
      h = await open();
      cache = h.cache();
    });
    afterAll(() => h.close());

    it('gives back the posts and authors it was given, and nothing else', async () => {
      const [post, author] = [aPost(), anAuthor()];
      await cache.rememberPosts([post]);
      await cache.rememberAuthors([author]);
      const found = await cache.lookup([post.id, randomUUID()], [author.id, randomUUID()], VIEWER);
      expect([...found.posts.values()]).toEqual([post]);
      expect([...found.authors.values()]).toEqual([author]);
      expect(found.likeCounts.size).toBe(0);
      expect(found.liked).toBeNull();
    });

    it('forgets an author on request', async () => {
      const author = anAuthor();
      await cache.rememberAuthors([author]);
      await cache.forgetAuthors([author.id]);
      expect((await cache.lookup([], [author.id], VIEWER)).authors.size).toBe(0);
    });

    it('stores like counts filled under their lease', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const lease = await cache.leaseLikeCounts([a, b]);
      await cache.fillLikeCounts(
        lease,
        new Map([
          [a, 3],
          [b, 0],
        ]),
      );
      expect((await cache.lookup([a, b], [], VIEWER)).likeCounts).toEqual(
        new Map([
          [a, 3],
          [b, 0],
        ]),
      );
    });

    it('drops a count filled after a like made it stale (the lease was revoked)', async () => {
      const post = randomUUID();
      const lease = await cache.leaseLikeCounts([post]);
      await cache.forgetLikeCounts([post]);
      await cache.fillLikeCounts(lease, new Map([[post, 7]]));
      expect((await cache.lookup([post], [], VIEWER)).likeCounts.size).toBe(0);
    });

    it('lets only the first of two concurrent readers fill a count', async () => {
      const post = randomUUID();
      const first = await cache.leaseLikeCounts([post]);
      const second = await cache.leaseLikeCounts([post]);
      await cache.fillLikeCounts(second, new Map([[post, 1]]));
      await cache.fillLikeCounts(first, new Map([[post, 2]]));
      expect((await cache.lookup([post], [], VIEWER)).likeCounts.get(post)).toBe(2);
    });

    it("answers for a viewer's cached likes, only about posts since its floor", async () => {
      const viewer = randomUUID();
      const [old, liked, notLiked] = ['00000000', 'aaaaaaaa', 'bbbbbbbb'].map(
        (p) => `${p}${randomUUID().slice(8)}`,
      );
      const lease = await cache.leaseLikes(viewer);
      expect(await cache.leaseLikes(viewer)).toBeNull();
      expect(
        await cache.fillLikes(viewer, lease!, {
          floor: '10000000-0000-0000-0000-000000000000',
          postIds: [liked!],
        }),
      ).toBe(true);
      const found = await cache.lookup([old!, liked!, notLiked!], [], viewer);
      expect(found.liked).toEqual(
        new Map([
          [liked!, true],
          [notLiked!, false],
        ]),
      );
    });

    it("drops a viewer's likes filled after a like made them stale (the lease was revoked)", async () => {
      const viewer = randomUUID();
      const lease = await cache.leaseLikes(viewer);
      await cache.forgetLikes([viewer]);
      expect(await cache.fillLikes(viewer, lease!, { floor: '0', postIds: [] })).toBe(false);
      expect((await cache.lookup([randomUUID()], [], viewer)).liked).toBeNull();
      const again = await cache.leaseLikes(viewer);
      await cache.fillLikes(viewer, again!, { floor: '0', postIds: [] });
      await cache.forgetLikes([viewer]);
      expect((await cache.lookup([randomUUID()], [], viewer)).liked).toBeNull();
    });

    it('forgets counts and post bodies when their TTL runs out', async () => {
      const quick = h.cache(1);
      const post = aPost();
      await quick.rememberPosts([post]);
      expect((await quick.lookup([post.id], [], VIEWER)).posts.size).toBe(1);
      await new Promise((r) => setTimeout(r, 1_300));
      expect((await quick.lookup([post.id], [], VIEWER)).posts.size).toBe(0);
    });
  });
}
