import { domainEvent, type DomainEvent } from '../shared/domain-event.ts';
import type { FeedEntry } from './feed-entry.ts';

/**
 * Events of the feed's own pipeline (docs/feed.md). They are how the read side sequences
 * work that must happen after one of its own commits: the next chunk of a large fan-out,
 * and cache updates that may only run once the rows they mirror are committed.
 */
export interface FeedPostPayload {
  post_id: string;
  author_id: string;
  created_at: string;
}

export interface FanOutContinuedPayload extends FeedPostPayload {
  /** Where the next chunk of followers starts (follow time desc, follower id asc). */
  after: { followed_at: string; follower_id: string };
}

export interface PostDeliveredPayload extends FeedPostPayload {
  /** Whose feeds gained the post in the committed chunk. */
  owner_ids: string[];
}

export interface FeedsInvalidatedPayload {
  owner_ids: string[];
}

export interface CelebrityPromotedPayload {
  author_id: string;
}

export function postPayload(entry: FeedEntry): FeedPostPayload {
  return { post_id: entry.postId, author_id: entry.authorId, created_at: entry.createdAt.toISOString() };
}

export function entryOf(payload: FeedPostPayload): FeedEntry {
  return { postId: payload.post_id, authorId: payload.author_id, createdAt: new Date(payload.created_at) };
}

export const fanOutContinued = (
  entry: FeedEntry,
  after: { followedAt: Date; followerId: string },
  at: Date,
) =>
  domainEvent<'feed.fanout_continued', FanOutContinuedPayload>(
    'feed.fanout_continued',
    {
      ...postPayload(entry),
      after: { followed_at: after.followedAt.toISOString(), follower_id: after.followerId },
    },
    at,
  );

export const postDelivered = (entry: FeedEntry, ownerIds: string[], at: Date): DomainEvent =>
  domainEvent<'feed.post_delivered', PostDeliveredPayload>(
    'feed.post_delivered',
    { ...postPayload(entry), owner_ids: ownerIds },
    at,
  );

export const feedsInvalidated = (ownerIds: string[], at: Date): DomainEvent =>
  domainEvent<'feed.invalidated', FeedsInvalidatedPayload>('feed.invalidated', { owner_ids: ownerIds }, at);

export const celebrityPromoted = (authorId: string, at: Date): DomainEvent =>
  domainEvent<'feed.celebrity_promoted', CelebrityPromotedPayload>(
    'feed.celebrity_promoted',
    { author_id: authorId },
    at,
  );
