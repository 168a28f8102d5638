import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { FeedCache } from '#application/feed/feed-cache.ts';
import { positionOf } from '#domain/feed/feed-entry.ts';
import { anEntry, ids, readAll, someEntries } from '../support/feed/feed-entries.ts';

export interface FeedCacheHarness {
  /** A cache keeping 10 entries per feed, with the given sliding TTL. */
  cache(ttlSeconds?: number): FeedCache;
  close(): Promise<void>;
}

const SIZE = 10;

export function feedCacheContract(adapter: string, open: () => Promise<FeedCacheHarness>): void {
  describe(`FeedCache contract: ${adapter}`, () => {
    let h: FeedCacheHarness;
    let cache: FeedCache;
    beforeAll(async () => {
      h = await open();
      cache = h.cache();
    });
    afterAll(() => h.close());

    const filled = async (
      ownerId: string,
      entries = someEntries(6),
      complete = true,
      celebrities: string[] = [],
    ) => {
      const lease = await cache.lease(ownerId);
      expect(lease).not.toBeNull();
      expect(await cache.fill(ownerId, lease!, { entries, complete, celebrities })).toBe(true);
      return entries;
    };

    it('knows nothing of a feed until it is filled', async () => {
      expect(await cache.page(randomUUID(), null, 5)).toBeNull();
    });

    it('pages a filled feed newest first, entries of one millisecond by post id, no duplicates or gaps', async () => {
      const owner = randomUUID();
      const entries = await filled(owner, someEntries(9));
      const read = await readAll(
        async (after) => (await cache.page(owner, after && positionOf(after), 2))!.entries,
        2,
      );
      expect(ids(read)).toEqual(ids(entries));
      const page = await cache.page(owner, null, 3);
      expect(page).toEqual({ entries: entries.slice(0, 3), complete: true, celebrities: [] });
    });

    it('caches an empty feed as empty and complete, with the celebrities it merges', async () => {
      const owner = randomUUID();
      const star = randomUUID();
      await filled(owner, [], true, [star]);
      expect(await cache.page(owner, null, 5)).toEqual({ entries: [], complete: true, celebrities: [star] });
    });

    it('keeps the newest entries only, and then does not claim to hold the whole feed', async () => {
      const owner = randomUUID();
      const entries = someEntries(SIZE + 3);
      await filled(owner, entries, true);
      const page = await cache.page(owner, null, 50);
      expect(ids(page!.entries)).toEqual(ids(entries.slice(0, SIZE)));
      expect(page!.complete).toBe(false);
    });

    it('gives one lease at a time', async () => {
      const owner = randomUUID();
      expect(await cache.lease(owner)).not.toBeNull();
      expect(await cache.lease(owner)).toBeNull();
    });

    it('refuses a fill whose lease an invalidation revoked', async () => {
      const owner = randomUUID();
      const lease = await cache.lease(owner);
      await cache.invalidate([owner]);
      expect(
        await cache.fill(owner, lease!, { entries: someEntries(2), complete: true, celebrities: [] }),
      ).toBe(false);
      expect(await cache.page(owner, null, 5)).toBeNull();
    });

    it('refuses a fill whose lease a delivery to the uncached feed revoked', async () => {
      const owner = randomUUID();
      const lease = await cache.lease(owner);
      await cache.push(anEntry(99_000), await cache.generations([owner]));
      expect(
        await cache.fill(owner, lease!, { entries: someEntries(2), complete: true, celebrities: [] }),
      ).toBe(false);
      expect(await cache.page(owner, null, 5)).toBeNull();
    });

    it('adds a delivery to a cached feed in its place, and drops the oldest beyond the cache size', async () => {
      const owner = randomUUID();
      const entries = await filled(owner, someEntries(SIZE));
      const newest = anEntry(1_000_000);
      const middle = anEntry(1_500);
      await cache.push(newest, await cache.generations([owner]));
      await cache.push(middle, await cache.generations([owner]));
      // someEntries: one entry at 3 s, three at 2 s, then 1 s and 0 s; 1.5 s goes after the 2 s ones.
      const expected = [newest, ...entries.slice(0, 4), middle, ...entries.slice(4)].slice(0, SIZE);
      const page = await cache.page(owner, null, 50);
      expect(ids(page!.entries)).toEqual(ids(expected));
      expect(page!.complete).toBe(false);
    });

    it('adds a delivery once however often it is pushed', async () => {
      const owner = randomUUID();
      await filled(owner, someEntries(2));
      const entry = anEntry(500_000);
      for (let i = 0; i < 3; i++) await cache.push(entry, await cache.generations([owner]));
      expect(
        ids((await cache.page(owner, null, 50))!.entries).filter((id) => id === entry.postId),
      ).toHaveLength(1);
    });

    it('ignores a delivery checked before an invalidation that a later fill already reflects', async () => {
      const owner = randomUUID();
      const before = await cache.generations([owner]);
      await cache.invalidate([owner]);
      await filled(owner, someEntries(2));
      await cache.push(anEntry(700_000), before);
      expect((await cache.page(owner, null, 50))!.entries).toHaveLength(2);
    });

    it('leaves an entry older than an incomplete cached range to the read model', async () => {
      const owner = randomUUID();
      const entries = someEntries(6).map((e) => ({
        ...e,
        createdAt: new Date(e.createdAt.getTime() + 60_000),
      }));
      await filled(owner, entries, false);
      await cache.push(anEntry(0), await cache.generations([owner]));
      expect(ids((await cache.page(owner, null, 50))!.entries)).toEqual(ids(entries));
    });

    it('makes every cached feed stale at once, and refuses fills leased before', async () => {
      const owner = randomUUID();
      await filled(owner);
      const other = randomUUID();
      const lease = await cache.lease(other);
      await cache.invalidateAll();
      expect(await cache.page(owner, null, 5)).toBeNull();
      expect(await cache.fill(other, lease!, { entries: [], complete: true, celebrities: [] })).toBe(false);
      await filled(owner);
      expect(await cache.page(owner, null, 5)).not.toBeNull();
    });

    it('moves generations on with each invalidation and starts them at 0', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      await cache.invalidate([a]);
      await cache.invalidate([a]);
      expect(await cache.generations([a, b])).toEqual([
        { ownerId: a, generation: 2 },
        { ownerId: b, generation: 0 },
      ]);
    });

    it('gives the generations of cached feeds only, revoking the leases of the others', async () => {
      const [cachedOwner, leased] = [randomUUID(), randomUUID()];
      await filled(cachedOwner);
      await cache.invalidate([leased]);
      const lease = await cache.lease(leased);
      expect(await cache.cachedGenerations([cachedOwner, leased])).toEqual([
        { ownerId: cachedOwner, generation: 0 },
      ]);
      expect(await cache.fill(leased, lease!, { entries: [], complete: true, celebrities: [] })).toBe(false);
    });

    it('keeps feeds that are read and forgets those that are not (sliding TTL)', async () => {
      const slow = h.cache(2);
      const [read, unread] = [randomUUID(), randomUUID()];
      for (const owner of [read, unread]) {
        const lease = await slow.lease(owner);
        await slow.fill(owner, lease!, { entries: someEntries(2), complete: true, celebrities: [] });
      }
      await new Promise((r) => setTimeout(r, 1_200));
      expect(await slow.page(read, null, 5)).not.toBeNull();
      await new Promise((r) => setTimeout(r, 1_300));
      expect(await slow.page(read, null, 5)).not.toBeNull();
      expect(await slow.page(unread, null, 5)).toBeNull();
    }, 10_000);
  });
}
