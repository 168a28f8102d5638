import type { UserSummary } from '../social/social.views.ts';
import { token } from '../shared/token.ts';

/** A post as a feed shows it, with its like count and its author's summary at the time of reading. */
export interface PostCard {
  id: string;
  authorId: string;
  text: string;
  createdAt: Date;
  likeCount: number;
  author: UserSummary;
}

/** Where feed items are completed from when the cache does not have them (PostgreSQL). */
export interface FeedItemSource {
  /** The posts and their authors (one read, so a cold page does not wait for two). */
  posts(ids: readonly string[]): Promise<PostCard[]>;
  authors(ids: readonly string[]): Promise<UserSummary[]>;
  /** Which of the posts the viewer likes. */
  likedBy(viewerId: string, postIds: readonly string[]): Promise<Set<string>>;
  /** The posts with id ≥ `floor` the viewer likes; null when there are more than `limit`. */
  likesSince(viewerId: string, floor: string, limit: number): Promise<string[] | null>;
}
export const FeedItemSource = token<FeedItemSource>('FeedItemSource');
