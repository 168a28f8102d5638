import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';
import { token } from '../shared/token.ts';

/**
 * The `user_feed` read model as readers see it: every post delivered to a user's feed,
 * newest first. Pages are keyset ranges (strictly after `after`), never offsets.
 */
export interface FeedReadModel {
  /** The owner's delivered entries after `after` (from the newest when null), at most `limit`. */
  page(ownerId: string, after: FeedPosition | null, limit: number): Promise<FeedEntry[]>;
  /** The celebrities the owner follows: their posts are merged in at read time, not delivered. */
  celebritiesFollowedBy(ownerId: string): Promise<string[]>;
  /** One author's own posts after `after`, newest first (a celebrity's side of the merge). */
  postsBy(authorId: string, after: FeedPosition | null, limit: number): Promise<FeedEntry[]>;
  /** Which of `ownerIds` have `entry` in their feed right now. */
  holders(entry: FeedEntry, ownerIds: readonly string[]): Promise<string[]>;
}
export const FeedReadModel = token<FeedReadModel>('FeedReadModel');
