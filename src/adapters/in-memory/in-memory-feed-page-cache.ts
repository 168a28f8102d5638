import type { CachedTimeline, CelebrityPostsCache, FeedCache } from '#application/feed/feed-cache.ts';
import type { FeedItemCache } from '#application/feed/feed-item-cache.ts';
import type { CachedFeedPage, FeedPageCache, FeedPageMiss } from '#application/feed/feed-page-cache.ts';
import { mergeNewestFirst, type FeedPosition } from '#domain/feed/feed-entry.ts';

/**
 * The warm read over the embedded mode's caches: each read in turn (in process memory a
 * read costs no round trip, so there is nothing to gain by fusing them).
 */
export class InMemoryFeedPageCache implements FeedPageCache {
  private readonly feeds: FeedCache;
  private readonly celebrityPosts: CelebrityPostsCache;
  private readonly items: FeedItemCache;

  constructor(feeds: FeedCache, celebrityPosts: CelebrityPostsCache, items: FeedItemCache) {
    this.feeds = feeds;
    this.celebrityPosts = celebrityPosts;
    this.items = items;
  }

  async page(
    ownerId: string,
    after: FeedPosition | null,
    count: number,
  ): Promise<CachedFeedPage | FeedPageMiss | null> {
    const own = await this.feeds.page(ownerId, after, count);
    if (!own) return { lease: await this.feeds.lease(ownerId) };
    if (!reaches(own, count)) return null;
    const lists = [own.entries];
    for (const authorId of own.celebrities) {
      const timeline = await this.celebrityPosts.page(authorId, after, count);
      if (!reaches(timeline, count)) return null;
      lists.push(timeline.entries);
    }
    const entries = mergeNewestFirst(lists, count);
    const postIds = entries.map((e) => e.postId);
    const authorIds = [...new Set(entries.map((e) => e.authorId))];
    const items = await this.items.lookup(postIds, authorIds, ownerId);
    return { entries, celebrities: own.celebrities.length, items };
  }
}

/** Whether a cached timeline answers for `count` entries: it has them, or nothing older exists. */
function reaches<T extends CachedTimeline>(timeline: T | null, count: number): timeline is T {
  return timeline !== null && (timeline.entries.length >= count || timeline.complete);
}
