import { token } from '../shared/token.ts';

export type FeedCacheName =
  'feed' | 'celebrity_posts' | 'post' | 'author' | 'like_count' | 'viewer_likes' | 'popular';
/** Where a page of entries came from: all from the cache, or (partly) from the read model. */
export type FeedReadSource = 'cache' | 'read_model';

/** What the feed reports about itself (docs/feed.md lists the metric names). */
export interface FeedMetrics {
  cacheLookups(cache: FeedCacheName, hits: number, misses: number): void;
  /** Starts timing a feed read; call the result with where the entries came from. */
  startRead(): (source: FeedReadSource) => void;
  /** Starts timing one fan-out chunk; call the result with the rows written. */
  startFanOut(): (rows: number) => void;
  /**
   * A page whose `liked_by_me` had to be checked post by post in PostgreSQL: the viewer
   * liked more posts in the page's range than their cached likes hold.
   */
  likedByFallback(): void;
  /** Time from a post's commit to its delivery being visible in followers' feeds. */
  feedLag(seconds: number): void;
}
export const FeedMetrics = token<FeedMetrics>('FeedMetrics');
