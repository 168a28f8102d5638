import type { Registry } from 'prom-client';
import type { FeedCacheName, FeedMetrics, FeedReadSource } from '#application/feed/feed-metrics.ts';
import { counter, histogram } from './metrics.ts';

/** The feed's metrics (docs/feed.md#metrics); no label carries a user or post id. */
export class PrometheusFeedMetrics implements FeedMetrics {
  private readonly lookups;
  private readonly reads;
  private readonly fanOutSeconds;
  private readonly fanOutRows;
  private readonly lag;
  private readonly likedByFallbacks;

  constructor(registry: Registry) {
    this.lookups = counter(registry, {
      name: 'feed_cache_lookups_total',
      help: 'Cache lookups of the feed, by cache and result (hit or miss).',
      labelNames: ['cache', 'result'] as const,
    });
    this.reads = histogram(registry, {
      name: 'feed_read_duration_seconds',
      help: 'Time to build one feed page, by where its entries came from (cache or read_model).',
      labelNames: ['source'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    });
    this.fanOutSeconds = histogram(registry, {
      name: 'feed_fanout_duration_seconds',
      help: 'Time to deliver one post to one chunk of followers (one transaction).',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    });
    this.fanOutRows = counter(registry, {
      name: 'feed_fanout_rows_total',
      help: 'Feed rows written by the fan-out (deliveries, not counting repeats).',
    });
    this.lag = histogram(registry, {
      name: 'feed_lag_seconds',
      help: "From a post's creation to its delivery being committed and cached in followers' feeds.",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    });
    this.likedByFallbacks = counter(registry, {
      name: 'feed_liked_by_fallbacks_total',
      help: "Pages whose liked_by_me was checked post by post in PostgreSQL (beyond the viewer's cached likes).",
    });
  }

  cacheLookups(cache: FeedCacheName, hits: number, misses: number): void {
    if (hits > 0) this.lookups.inc({ cache, result: 'hit' }, hits);
    if (misses > 0) this.lookups.inc({ cache, result: 'miss' }, misses);
  }

  startRead(): (source: FeedReadSource) => void {
    const end = this.reads.startTimer();
    return (source) => end({ source });
  }

  startFanOut(): (rows: number) => void {
    const end = this.fanOutSeconds.startTimer();
    return (rows) => {
      end();
      if (rows > 0) this.fanOutRows.inc(rows);
    };
  }

  likedByFallback(): void {
    this.likedByFallbacks.inc();
  }

  feedLag(seconds: number): void {
    this.lag.observe(seconds);
  }
}
