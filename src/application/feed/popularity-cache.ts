import type { PopularPosition, PopularPost } from '#domain/feed/popularity.ts';
import type { PopularityStanding } from './popularity-store.ts';
import { token } from '../shared/token.ts';

export interface CachedRanking {
  posts: PopularPost[];
  /** True when no lower-ranked post in the window exists beyond `posts`. */
  complete: boolean;
}

/**
 * The trending ranking in a sorted cache, updated by the like events and rebuilt from
 * PopularityStore under a lease when missing (same protocol as FeedCache).
 */
export interface PopularityCache {
  /** Posts created since `since`, by score, after `after`; null when the ranking is not cached. */
  top(since: Date, after: PopularPosition | null, limit: number): Promise<CachedRanking | null>;
  lease(): Promise<string | null>;
  fill(lease: string, snapshot: CachedRanking): Promise<boolean>;
  /**
   * Sets one post's score (removes it when null). Only while the ranking is cached; otherwise
   * revokes the lease, so a rebuild racing with this change is thrown away.
   */
  record(standing: PopularityStanding): Promise<void>;
}
export const PopularityCache = token<PopularityCache>('PopularityCache');
