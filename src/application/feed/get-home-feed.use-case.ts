import { positionOf } from '#domain/feed/feed-entry.ts';
import type { Page, PageRequest } from '../social/page.ts';
import type { FeedItem, FeedItems } from './feed-items.ts';
import type { FeedMetrics } from './feed-metrics.ts';
import type { HomeTimeline } from './home-timeline.ts';

export interface GetHomeFeedQuery {
  viewerId: string;
  page: PageRequest;
}

/**
 * The viewer's home feed, newest first: their own posts and those of everyone they
 * follow. Keyset pages, so posts arriving meanwhile never shift later pages.
 */
export class GetHomeFeed {
  private readonly timeline: HomeTimeline;
  private readonly items: FeedItems;
  private readonly metrics: FeedMetrics;

  constructor(timeline: HomeTimeline, items: FeedItems, metrics: FeedMetrics) {
    this.timeline = timeline;
    this.items = items;
    this.metrics = metrics;
  }

  async execute({ viewerId, page }: GetHomeFeedQuery): Promise<Page<FeedItem>> {
    const done = this.metrics.startRead();
    // One entry more than shown tells whether there is a next page.
    const { entries, source } = await this.timeline.page(viewerId, page.after, page.limit + 1);
    const shown = entries.slice(0, page.limit);
    const items = await this.items.assemble(viewerId, shown);
    done(source);
    const last = shown.at(-1);
    const next = entries.length > page.limit && last ? positionOf(last) : null;
    return { items, next: next && { createdAt: next.createdAt, id: next.id } };
  }
}
