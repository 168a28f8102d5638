import type { FeedCacheName, FeedMetrics, FeedReadSource } from '#application/feed/feed-metrics.ts';

/** Keeps what the feed reported, for assertions. */
export class RecordingFeedMetrics implements FeedMetrics {
  readonly lookups: Record<string, { hits: number; misses: number }> = {};
  readonly reads: FeedReadSource[] = [];
  readonly fanOuts: number[] = [];
  readonly lags: number[] = [];
  likedByFallbacks = 0;

  cacheLookups(cache: FeedCacheName, hits: number, misses: number): void {
    const counted = (this.lookups[cache] ??= { hits: 0, misses: 0 });
    counted.hits += hits;
    counted.misses += misses;
  }

  startRead(): (source: FeedReadSource) => void {
    return (source) => this.reads.push(source);
  }

  startFanOut(): (rows: number) => void {
    return (rows) => this.fanOuts.push(rows);
  }

  likedByFallback(): void {
    this.likedByFallbacks++;
  }

  feedLag(seconds: number): void {
    this.lags.push(seconds);
  }
}
