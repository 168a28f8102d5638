import type { FeedEntry } from '#domain/feed/feed-entry.ts';
import { token } from '../shared/token.ts';

/** Where the next chunk of an author's followers starts (follow time desc, follower id asc). */
export interface FollowerCursor {
  followedAt: Date;
  followerId: string;
}

export interface DeliveredChunk {
  /** Owners whose feed gained the entry (those who already had it are not listed). */
  owners: string[];
  /** Null when this chunk reached the last follower. */
  next: FollowerCursor | null;
}

/**
 * Writes to the `user_feed` read model; every method needs a unit of work. All writes are
 * idempotent per (owner, post). Deliveries and backfills of an author never interleave
 * with a removal of that author from someone's feed (the adapter serialises them), and
 * each re-checks the follow it depends on, so the feed ends up right whatever order the
 * follow, unfollow and post events are handled in.
 */
export interface FeedWriter {
  /** Puts the post in its author's own feed; false when it already was. */
  deliverToAuthor(entry: FeedEntry): Promise<boolean>;
  /** Puts the post in the feeds of the next `limit` followers of its author, set-based. */
  deliverToFollowers(entry: FeedEntry, after: FollowerCursor | null, limit: number): Promise<DeliveredChunk>;
  /** Copies the author's newest `limit` posts into the owner's feed, if the owner follows them. */
  backfill(ownerId: string, authorId: string, limit: number): Promise<number>;
  /** Removes the author's posts from the owner's feed, unless the owner follows them (again). */
  removeAuthor(ownerId: string, authorId: string): Promise<number>;
}
export const FeedWriter = token<FeedWriter>('FeedWriter');
