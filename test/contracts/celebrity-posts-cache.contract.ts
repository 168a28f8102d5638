import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { CelebrityPostsCache } from '#application/feed/feed-cache.ts';
import { positionOf } from '#domain/feed/feed-entry.ts';
import { anEntry, ids, someEntries } from '../support/feed/feed-entries.ts';

export interface CelebrityPostsCacheHarness {
  /** A cache keeping 10 posts per celebrity. */
  cache: CelebrityPostsCache;
  close(): Promise<void>;
}

export function celebrityPostsCacheContract(
  adapter: string,
  open: () => Promise<CelebrityPostsCacheHarness>,
): void {
  describe(`CelebrityPostsCache contract: ${adapter}`, () => {
    let h: CelebrityPostsCacheHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());

    it('pages a filled timeline after a position, and knows nothing of unfilled ones', async () => {
      const author = randomUUID();
      expect(await h.cache.page(author, null, 5)).toBeNull();
      const entries = someEntries(7, author);
      const lease = await h.cache.lease(author);
      expect(await h.cache.lease(author)).toBeNull();
      expect(await h.cache.fill(author, lease!, { entries, complete: true })).toBe(true);
      const page = await h.cache.page(author, positionOf(entries[2]!), 3);
      expect(page).toEqual({ entries: entries.slice(3, 6), complete: true });
    });

    it("adds a new post to the author's cached timeline", async () => {
      const author = randomUUID();
      const lease = await h.cache.lease(author);
      await h.cache.fill(author, lease!, { entries: someEntries(2, author), complete: true });
      const post = anEntry(9_000_000, author);
      await h.cache.push(post);
      expect((await h.cache.page(author, null, 1))!.entries).toEqual([post]);
    });

    it('refuses a fill leased before a post arrived at an uncached timeline', async () => {
      const author = randomUUID();
      const lease = await h.cache.lease(author);
      await h.cache.push(anEntry(0, author));
      expect(await h.cache.fill(author, lease!, { entries: [], complete: true })).toBe(false);
      expect(ids((await h.cache.page(author, null, 5))?.entries ?? [])).toEqual([]);
    });
  });
}
