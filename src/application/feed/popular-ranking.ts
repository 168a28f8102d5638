import { isRankedAfter, type PopularPosition, type PopularPost } from '#domain/feed/popularity.ts';
import type { FeedMetrics } from './feed-metrics.ts';
import type { CachedRanking, PopularityCache } from './popularity-cache.ts';
import type { PopularityStore } from './popularity-store.ts';

/** The trending ranking: from the cache, or rebuilt from PostgreSQL (and cached) on a miss. */
export class PopularRanking {
  private readonly cache: PopularityCache;
  private readonly store: PopularityStore;
  private readonly metrics: FeedMetrics;
  private readonly cacheSize: number;

  constructor(cache: PopularityCache, store: PopularityStore, metrics: FeedMetrics, cacheSize: number) {
    this.cache = cache;
    this.store = store;
    this.metrics = metrics;
    this.cacheSize = cacheSize;
  }

  async page(since: Date, after: PopularPosition | null, count: number): Promise<PopularPost[]> {
    const cached = await this.cache.top(since, after, count);
    this.metrics.cacheLookups('popular', cached ? 1 : 0, cached ? 0 : 1);
    const ranking = cached ?? (await this.load(since));
    const posts = cached
      ? cached.posts
      : ranking.posts.filter((p) => isRankedAfter(p, after)).slice(0, count);
    if (posts.length >= count || ranking.complete) return posts;
    const last = posts.at(-1);
    const from = last ? { score: last.score, id: last.postId } : after;
    return [...posts, ...(await this.store.top(since, from, count - posts.length))];
  }

  private async load(since: Date): Promise<CachedRanking> {
    const lease = await this.cache.lease();
    const posts = await this.store.top(since, null, this.cacheSize);
    const ranking = { posts, complete: posts.length < this.cacheSize };
    if (lease) await this.cache.fill(lease, ranking);
    return ranking;
  }
}
