import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';
import type { CachedItems } from './feed-item-cache.ts';
import { token } from '../shared/token.ts';

/** A page of a home feed as the caches alone answer it. */
export interface CachedFeedPage {
  /** Up to the asked number of entries, newest first: the owner's and the merged celebrities'. */
  entries: FeedEntry[];
  /** How many celebrity timelines were merged in. */
  celebrities: number;
  /** What the item caches hold for those entries and the viewer (see FeedItemCache.lookup). */
  items: CachedItems;
}

/**
 * The owner's feed itself is not cached (or stale): the page cannot come from the caches,
 * and the read-through lease for refilling the feed was taken in the same step, as
 * FeedCache.lease takes it (null when another reader holds it).
 */
export interface FeedPageMiss {
  lease: string | null;
}

/**
 * The warm read of a home feed in one step: the owner's cached feed, the cached timelines
 * of the celebrities it merges, and the cached items of the merged page, read together
 * (with Redis, one script and one round trip instead of three). It answers only when the
 * caches hold everything the page's entries need. Otherwise the caller takes the
 * step-by-step path (HomeTimeline, FeedItems), which reads the read model and fills the
 * caches: with the lease of a FeedPageMiss when the feed itself is not cached, from the
 * feed cache again (null) when it is but one of the celebrity timelines is not, or the
 * page reaches past what one of them caches. Reading slides the timelines' TTLs as their
 * own reads do; it writes nothing but that lease.
 */
export interface FeedPageCache {
  page(
    ownerId: string,
    after: FeedPosition | null,
    count: number,
  ): Promise<CachedFeedPage | FeedPageMiss | null>;
}

export function isMiss(read: CachedFeedPage | FeedPageMiss | null): read is FeedPageMiss {
  return read !== null && 'lease' in read;
}
export const FeedPageCache = token<FeedPageCache>('FeedPageCache');
