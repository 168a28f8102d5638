import type { CelebrityPolicy } from '#domain/feed/celebrity-policy.ts';
import { token } from '../shared/token.ts';

/** Tunables of the feed (FEED_* variables, docs/configuration.md). */
export interface FeedSettings {
  /** Newest entries cached per active feed (and per celebrity timeline). */
  cacheSize: number;
  /** Newest posts of a newly followed author copied into the follower's feed. */
  backfillPosts: number;
  /** Followers written per fan-out transaction. */
  fanOutChunk: number;
  celebrities: CelebrityPolicy;
  popular: { windowHours: number; halfLifeHours: number; cacheSize: number };
}
export const FeedSettings = token<FeedSettings>('FeedSettings');
