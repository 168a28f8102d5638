import {
  isAfter,
  mergeNewestFirst,
  positionOf,
  type FeedEntry,
  type FeedPosition,
} from '#domain/feed/feed-entry.ts';
import type { CelebrityTimelines } from './celebrity-timelines.ts';
import type { CachedHomeFeed, FeedCache } from './feed-cache.ts';
import type { FeedReadSource, FeedMetrics } from './feed-metrics.ts';
import type { FeedPageMiss } from './feed-page-cache.ts';
import type { FeedReadModel } from './feed-read-model.ts';

export interface TimelinePage {
  /** Up to the asked number of entries, newest first. */
  entries: FeedEntry[];
  source: FeedReadSource;
}

interface Delivered extends TimelinePage {
  celebrities: string[];
}

/**
 * A user's home timeline: the entries delivered to their feed (cache first, read model
 * on a miss, warming the cache) merged with the recent posts of the celebrities they
 * follow, which are never delivered. The merge makes the result the same as if every
 * post had been delivered.
 */
export class HomeTimeline {
  private readonly cache: FeedCache;
  private readonly readModel: FeedReadModel;
  private readonly celebrityTimelines: CelebrityTimelines;
  private readonly metrics: FeedMetrics;
  private readonly cacheSize: number;

  constructor(
    cache: FeedCache,
    readModel: FeedReadModel,
    celebrityTimelines: CelebrityTimelines,
    metrics: FeedMetrics,
    cacheSize: number,
  ) {
    this.cache = cache;
    this.readModel = readModel;
    this.celebrityTimelines = celebrityTimelines;
    this.metrics = metrics;
    this.cacheSize = cacheSize;
  }

  /** `miss`: the feed is already known not to be cached (FeedPageCache), with the lease taken then. */
  async page(
    ownerId: string,
    after: FeedPosition | null,
    count: number,
    miss?: FeedPageMiss,
  ): Promise<TimelinePage> {
    const own = await this.delivered(ownerId, after, count, miss);
    if (own.celebrities.length === 0) return { entries: own.entries, source: own.source };
    const celebrities = await Promise.all(
      own.celebrities.map((authorId) => this.celebrityTimelines.page(authorId, after, count)),
    );
    return { entries: mergeNewestFirst([own.entries, ...celebrities], count), source: own.source };
  }

  private async delivered(
    ownerId: string,
    after: FeedPosition | null,
    count: number,
    miss: FeedPageMiss | undefined,
  ): Promise<Delivered> {
    const cached = miss ? null : await this.cache.page(ownerId, after, count);
    this.metrics.cacheLookups('feed', cached ? 1 : 0, cached ? 0 : 1);
    const snapshot =
      cached ?? (await this.load(ownerId, miss ? miss.lease : await this.cache.lease(ownerId)));
    const entries = cached
      ? cached.entries
      : snapshot.entries.filter((e) => isAfter(e, after)).slice(0, count);
    if (entries.length >= count || snapshot.complete) {
      return { entries, celebrities: snapshot.celebrities, source: cached ? 'cache' : 'read_model' };
    }
    // Past the cached range: the rest of the page comes from the read model.
    const last = entries.at(-1);
    const rest = await this.readModel.page(ownerId, last ? positionOf(last) : after, count - entries.length);
    return { entries: [...entries, ...rest], celebrities: snapshot.celebrities, source: 'read_model' };
  }

  /** A miss: the newest entries from the read model, cached if no change raced with the read. */
  private async load(ownerId: string, lease: string | null): Promise<CachedHomeFeed> {
    const [entries, celebrities] = await Promise.all([
      this.readModel.page(ownerId, null, this.cacheSize),
      this.readModel.celebritiesFollowedBy(ownerId),
    ]);
    const snapshot = { entries, complete: entries.length < this.cacheSize, celebrities };
    if (lease) await this.cache.fill(ownerId, lease, snapshot);
    return snapshot;
  }
}
