import { positionOf, type FeedEntry } from '#domain/feed/feed-entry.ts';
import type { Page, PageRequest } from '../social/page.ts';
import type { FeedItem, FeedItems } from './feed-items.ts';
import type { FeedMetrics, FeedReadSource } from './feed-metrics.ts';
import { isMiss, type FeedPageCache } from './feed-page-cache.ts';
import type { HomeTimeline } from './home-timeline.ts';

export interface GetHomeFeedQuery {
  viewerId: string;
  page: PageRequest;
}

/**
 * The viewer's home feed, newest first: their own posts and those of everyone they
 * follow. Keyset pages, so posts arriving meanwhile never shift later pages.
 *
 * A warm page is read from the caches in one step (FeedPageCache); anything the caches
 * cannot answer for takes the step-by-step path (HomeTimeline, then FeedItems), which
 * reads the read model and fills the caches.
 */
export class GetHomeFeed {
  private readonly pages: FeedPageCache;
  private readonly timeline: HomeTimeline;
  private readonly items: FeedItems;
  private readonly metrics: FeedMetrics;

  constructor(pages: FeedPageCache, timeline: HomeTimeline, items: FeedItems, metrics: FeedMetrics) {
    this.pages = pages;
    this.timeline = timeline;
    this.items = items;
    this.metrics = metrics;
  }

  async execute({ viewerId, page }: GetHomeFeedQuery): Promise<Page<FeedItem>> {
    const done = this.metrics.startRead();
    // One entry more than shown tells whether there is a next page.
    const count = page.limit + 1;
    const warm = await this.pages.page(viewerId, page.after, count);
    let entries: FeedEntry[];
    let items: FeedItem[];
    let source: FeedReadSource;
    if (warm && !isMiss(warm)) {
      this.metrics.cacheLookups('feed', 1, 0);
      if (warm.celebrities > 0) this.metrics.cacheLookups('celebrity_posts', warm.celebrities, 0);
      entries = warm.entries;
      items = await this.items.complete(viewerId, entries.slice(0, page.limit), warm.items);
      source = 'cache';
    } else {
      ({ entries, source } = await this.timeline.page(viewerId, page.after, count, warm ?? undefined));
      items = await this.items.assemble(viewerId, entries.slice(0, page.limit));
    }
    done(source);
    const last = entries.length > page.limit ? entries[page.limit - 1] : undefined;
    return { items, next: last ? positionOf(last) : null };
  }
}
