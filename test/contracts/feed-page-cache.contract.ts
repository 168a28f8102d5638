import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { CelebrityPostsCache, FeedCache } from '#application/feed/feed-cache.ts';
import type { FeedItemCache } from '#application/feed/feed-item-cache.ts';
import { isMiss, type CachedFeedPage, type FeedPageCache } from '#application/feed/feed-page-cache.ts';
import { mergeNewestFirst, positionOf, type FeedEntry } from '#domain/feed/feed-entry.ts';
import { anEntry, ids, readAll, someEntries } from '../support/feed/feed-entries.ts';

/** The caches a warm page reads, sharing one store (10 entries per timeline). */
export interface FeedPageCaches {
  feeds: FeedCache;
  celebrityPosts: CelebrityPostsCache;
  items: FeedItemCache;
  pages: FeedPageCache;
}

export interface FeedPageCacheHarness {
  caches(): FeedPageCaches;
  close(): Promise<void>;
}

const SIZE = 10;

export function feedPageCacheContract(adapter: string, open: () => Promise<FeedPageCacheHarness>): void {
  describe(`FeedPageCache contract: ${adapter}`, () => {
    let h: FeedPageCacheHarness;
    let c: FeedPageCaches;
    beforeAll(async () => {
      h = await open();
      c = h.caches();
    });
    afterAll(() => h.close());

    const feed = async (owner: string, entries: FeedEntry[], complete = true, celebrities: string[] = []) => {
      const lease = await c.feeds.lease(owner);
      expect(await c.feeds.fill(owner, lease!, { entries, complete, celebrities })).toBe(true);
    };
    /** A page the caches answered (fails on a miss or null). */
    const cached = async (owner: string, after: FeedEntry | null, count: number): Promise<CachedFeedPage> => {
      const read = await c.pages.page(owner, after && positionOf(after), count);
      if (read === null || isMiss(read))
        throw new Error(`not answered from the caches: ${JSON.stringify(read)}`);
      return read;
    };
    const celebrity = async (author: string, entries: FeedEntry[], complete = true) => {
      const lease = await c.celebrityPosts.lease(author);
      expect(await c.celebrityPosts.fill(author, lease!, { entries, complete })).toBe(true);
    };

    it('takes the lease of a feed that is not cached, which then fills it as FeedCache.lease would', async () => {
      const owner = randomUUID();
      const miss = await c.pages.page(owner, null, 5);
      expect(miss).toEqual({ lease: expect.any(String) });
      expect(await c.pages.page(owner, null, 5)).toEqual({ lease: null }); // one reader fills
      const entries = someEntries(3);
      const lease = (miss as { lease: string }).lease;
      expect(await c.feeds.fill(owner, lease, { entries, complete: true, celebrities: [] })).toBe(true);
      expect(ids((await cached(owner, null, 5)).entries)).toEqual(ids(entries));
    });

    it('pages a cached feed as FeedCache does, newest first, without duplicates or gaps', async () => {
      const owner = randomUUID();
      const entries = someEntries(9);
      await feed(owner, entries);
      const read = await readAll(async (after) => (await cached(owner, after, 2)).entries, 2);
      expect(ids(read)).toEqual(ids(entries));
      expect((await cached(owner, null, 3)).celebrities).toBe(0);
    });

    it('merges the cached timelines of the celebrities the feed names, each post once', async () => {
      const [owner, star, idol] = [randomUUID(), randomUUID(), randomUUID()];
      const own = [anEntry(50), anEntry(20), anEntry(5)];
      const starPosts = [anEntry(40, star), anEntry(20, star), anEntry(1, star)];
      const idolPosts = [anEntry(30, idol), own[1]!]; // delivered before the promotion: in both
      await feed(owner, own, true, [star, idol]);
      await celebrity(star, starPosts);
      await celebrity(idol, idolPosts);
      const expected = mergeNewestFirst([own, starPosts, idolPosts], 50);
      const read = await readAll(async (after) => (await cached(owner, after, 3)).entries, 3);
      expect(ids(read)).toEqual(ids(expected));
      expect(new Set(ids(read)).size).toBe(read.length);
      expect((await cached(owner, null, 4)).celebrities).toBe(2);
    });

    it('gives up when a celebrity timeline the feed merges is not cached', async () => {
      const [owner, star] = [randomUUID(), randomUUID()];
      await feed(owner, someEntries(3), true, [star]);
      expect(await c.pages.page(owner, null, 2)).toBeNull();
      await celebrity(star, someEntries(2, star));
      expect((await cached(owner, null, 2)).entries).toHaveLength(2);
    });

    it('gives up when the page reaches past a cached range that is not the whole timeline', async () => {
      const [owner, star] = [randomUUID(), randomUUID()];
      await feed(owner, someEntries(SIZE + 5), true, [star]);
      await celebrity(star, someEntries(4, star), false);
      expect((await cached(owner, null, 4)).entries).toHaveLength(4);
      expect(await c.pages.page(owner, null, 5)).toBeNull(); // the celebrity's 5th post is not cached
      await celebrity(star, someEntries(4, star), true);
      expect((await cached(owner, null, SIZE)).entries).toHaveLength(SIZE);
      expect(await c.pages.page(owner, null, SIZE + 1)).toBeNull(); // the feed kept SIZE entries
    });

    it('answers for an empty feed as empty', async () => {
      const owner = randomUUID();
      await feed(owner, []);
      expect(await c.pages.page(owner, null, 5)).toEqual({
        entries: [],
        celebrities: 0,
        items: { posts: new Map(), likeCounts: new Map(), authors: new Map(), liked: null },
      });
    });

    it('reads a feed made stale by a new celebrity as not cached', async () => {
      const owner = randomUUID();
      await feed(owner, someEntries(3));
      await c.feeds.invalidateAll();
      expect(await c.pages.page(owner, null, 2)).toEqual({ lease: expect.any(String) });
    });

    it("gives the page's items as the item caches hold them, for the viewer who owns the feed", async () => {
      const owner = randomUUID();
      const entries = someEntries(3);
      const [a, b, d] = entries as [FeedEntry, FeedEntry, FeedEntry];
      await feed(owner, entries);
      const author = { id: a.authorId, handle: 'ada', displayName: 'Ada', avatarId: null };
      const body = { id: a.postId, authorId: a.authorId, text: 'hi ✨', createdAt: a.createdAt };
      await c.items.rememberPosts([body]);
      await c.items.rememberAuthors([author]);
      await c.items.fillLikeCounts(
        await c.items.leaseLikeCounts([a.postId, b.postId]),
        new Map([[a.postId, 4]]),
      );
      const lease = await c.items.leaseLikes(owner);
      const floor = [a, b, d].map((e) => e.postId).sort()[1]!;
      await c.items.fillLikes(owner, lease!, { floor, postIds: [a.postId, b.postId, d.postId] });
      const page = await cached(owner, null, 3);
      const lookup = await c.items.lookup(ids(entries), [...new Set(entries.map((e) => e.authorId))], owner);
      expect(page.items).toEqual(lookup);
      expect(page.items.posts.get(a.postId)).toEqual(body);
      expect(page.items.authors.get(a.authorId)).toEqual(author);
      expect(page.items.likeCounts).toEqual(new Map([[a.postId, 4]]));
      expect([...page.items.liked!.keys()].sort()).toEqual(
        ids(entries)
          .filter((id) => id >= floor)
          .sort(),
      );
    });
  });
}
