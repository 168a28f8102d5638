import { isAfter, positionOf, type FeedEntry, type FeedPosition } from '#domain/feed/feed-entry.ts';
import type { CachedTimeline, CelebrityPostsCache } from './feed-cache.ts';
import type { FeedMetrics } from './feed-metrics.ts';
import type { FeedReadModel } from './feed-read-model.ts';

/**
 * A celebrity's own posts, newest first, as merged into their followers' feeds: one
 * cached timeline per celebrity serves every follower (read-through, same lease protocol).
 */
export class CelebrityTimelines {
  private readonly cache: CelebrityPostsCache;
  private readonly readModel: FeedReadModel;
  private readonly metrics: FeedMetrics;
  private readonly cacheSize: number;

  constructor(cache: CelebrityPostsCache, readModel: FeedReadModel, metrics: FeedMetrics, cacheSize: number) {
    this.cache = cache;
    this.readModel = readModel;
    this.metrics = metrics;
    this.cacheSize = cacheSize;
  }

  async page(authorId: string, after: FeedPosition | null, count: number): Promise<FeedEntry[]> {
    const cached = await this.cache.page(authorId, after, count);
    this.metrics.cacheLookups('celebrity_posts', cached ? 1 : 0, cached ? 0 : 1);
    const snapshot = cached ?? (await this.load(authorId));
    const entries = cached
      ? cached.entries
      : snapshot.entries.filter((e) => isAfter(e, after)).slice(0, count);
    if (entries.length >= count || snapshot.complete) return entries;
    const last = entries.at(-1);
    return [
      ...entries,
      ...(await this.readModel.postsBy(authorId, last ? positionOf(last) : after, count - entries.length)),
    ];
  }

  private async load(authorId: string): Promise<CachedTimeline> {
    const lease = await this.cache.lease(authorId);
    const entries = await this.readModel.postsBy(authorId, null, this.cacheSize);
    const snapshot = { entries, complete: entries.length < this.cacheSize };
    if (lease) await this.cache.fill(authorId, lease, snapshot);
    return snapshot;
  }
}
