import type { UserSummary } from '../social/social.views.ts';
import type { PostCard } from './feed-item-source.ts';
import { token } from '../shared/token.ts';

export type PostBody = Omit<PostCard, 'likeCount' | 'author'>;

export interface CachedItems {
  posts: Map<string, PostBody>;
  likeCounts: Map<string, number>;
  authors: Map<string, UserSummary>;
  /**
   * Whether the viewer likes each post, for the posts the cached set covers (ids at or
   * after its floor); null when the viewer's likes are not cached.
   */
  liked: Map<string, boolean> | null;
}

/** A viewer's likes of the posts since `floor` (a post id: ids are time-ordered), all of them. */
export interface ViewerLikes {
  floor: string;
  postIds: readonly string[];
}

/**
 * What feed items are made of, by id, each with its own TTL: post bodies (immutable, so
 * never invalidated), author summaries (dropped on profile events, else expiring soon),
 * like counters, and each viewer's recent likes (both dropped after every committed like
 * or unlike, and filled under leases as in FeedCache, so a value read before a like is
 * never stored after it).
 */
export interface FeedItemCache {
  /** Everything cached for these posts, authors and viewer, in one round trip. */
  lookup(postIds: readonly string[], authorIds: readonly string[], viewerId: string): Promise<CachedItems>;
  rememberPosts(posts: readonly PostBody[]): Promise<void>;
  rememberAuthors(authors: readonly UserSummary[]): Promise<void>;
  forgetAuthors(authorIds: readonly string[]): Promise<void>;
  /** Leases the counters of these posts for one fill. */
  leaseLikeCounts(postIds: readonly string[]): Promise<string>;
  /** Stores the counts whose lease is still held by `lease`. */
  fillLikeCounts(lease: string, counts: ReadonlyMap<string, number>): Promise<void>;
  /** Drops the counters and revokes their leases. */
  forgetLikeCounts(postIds: readonly string[]): Promise<void>;
  leaseLikes(viewerId: string): Promise<string | null>;
  /** Stores the viewer's likes if the lease still holds. */
  fillLikes(viewerId: string, lease: string, likes: ViewerLikes): Promise<boolean>;
  /** Drops the viewers' cached likes and revokes their leases. */
  forgetLikes(viewerIds: readonly string[]): Promise<void>;
}
export const FeedItemCache = token<FeedItemCache>('FeedItemCache');
