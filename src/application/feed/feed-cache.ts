import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';
import { token } from '../shared/token.ts';

/** Part of a cached timeline: entries after the asked position, newest first. */
export interface CachedTimeline {
  entries: FeedEntry[];
  /** True when nothing older than `entries` exists: no need to read further elsewhere. */
  complete: boolean;
}

export interface CachedHomeFeed extends CachedTimeline {
  /** The celebrities the owner followed when the cache was filled. */
  celebrities: string[];
}

/** What a reader loaded from the read model to cache: the newest entries of one feed. */
export type HomeFeedSnapshot = CachedHomeFeed;

/** The generation of an owner's cached feed, as read before a delivery was checked. */
export interface OwnerGeneration {
  ownerId: string;
  generation: number;
}

/**
 * The newest entries of active users' home feeds (a bounded, sorted cache with a sliding
 * TTL: reading a feed keeps it; unread feeds expire). PostgreSQL stays the truth; the
 * cache may be emptied at any time.
 *
 * Consistency protocol (leases, as in Facebook's memcache): a reader that misses takes a
 * lease *before* reading the read model and fills only if the lease survived. Every
 * change to a feed reaches the cache *after* it is committed and either updates the
 * cached feed or, when there is none, revokes outstanding leases, so a fill can never
 * store a snapshot taken before a change it did not see.
 */
export interface FeedCache {
  /** Entries after `after` (sliding the TTL), or null when the feed is not cached (or stale). */
  page(ownerId: string, after: FeedPosition | null, limit: number): Promise<CachedHomeFeed | null>;
  /** The right to fill the owner's feed, or null when another reader holds it. */
  lease(ownerId: string): Promise<string | null>;
  /** Stores the snapshot (trimmed to the cache size) if the lease still holds; says whether it did. */
  fill(ownerId: string, lease: string, snapshot: HomeFeedSnapshot): Promise<boolean>;
  /** Current generations (0 when none): `invalidate` moves them on. */
  generations(ownerIds: readonly string[]): Promise<OwnerGeneration[]>;
  /**
   * The generations of those owners whose feed is cached now; the others' leases are
   * revoked at once, as `push` would revoke them (their next fill reads a snapshot taken
   * after this call). Lets a delivery check in the read model only the feeds it may update.
   */
  cachedGenerations(ownerIds: readonly string[]): Promise<OwnerGeneration[]>;
  /**
   * Adds a committed delivery to the cached feeds of owners whose generation is still the
   * one given (a newer invalidation wins); owners without a cached feed get their leases revoked.
   */
  push(entry: FeedEntry, owners: readonly OwnerGeneration[]): Promise<void>;
  /** Drops the owners' cached feeds and leases, and moves their generations on. */
  invalidate(ownerIds: readonly string[]): Promise<void>;
  /** Makes every cached feed stale at once (the set of celebrities changed). */
  invalidateAll(): Promise<void>;
}
export const FeedCache = token<FeedCache>('FeedCache');

/**
 * The newest posts of each celebrity, shared by all their followers' reads. Posts are
 * immutable and never deleted, so entries are only ever added (same lease protocol).
 */
export interface CelebrityPostsCache {
  page(authorId: string, after: FeedPosition | null, limit: number): Promise<CachedTimeline | null>;
  lease(authorId: string): Promise<string | null>;
  fill(authorId: string, lease: string, snapshot: CachedTimeline): Promise<boolean>;
  /** Adds a committed post to its author's cached timeline, or revokes leases when there is none. */
  push(entry: FeedEntry): Promise<void>;
}
export const CelebrityPostsCache = token<CelebrityPostsCache>('CelebrityPostsCache');
