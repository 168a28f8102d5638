import { uuidV7Floor, type FeedEntry } from '#domain/feed/feed-entry.ts';
import type { Clock } from '../shared/clock.ts';
import type { UserSummary } from '../social/social.views.ts';
import type { CachedItems, FeedItemCache, PostBody } from './feed-item-cache.ts';
import type { FeedItemSource } from './feed-item-source.ts';
import type { FeedMetrics } from './feed-metrics.ts';

/** One post as a feed shows it. */
export interface FeedItem {
  post: PostBody;
  author: UserSummary;
  likeCount: number;
  /** Whether the viewer likes it. */
  likedByMe: boolean;
}

/**
 * The viewer's likes are cached as one set: all their likes of posts since a floor. A fill
 * reaches this far below the oldest post it must answer for (and at least this far back
 * from now), so scrolling back in time refills it once per week of history, not per page.
 */
const LIKES_WINDOW_MS = 7 * 86_400_000;
/** A viewer who liked more than this since the floor is asked about each post in PostgreSQL instead. */
const MAX_CACHED_LIKES = 5_000;

/**
 * Completes feed entries into items: bodies, authors, like counts and the viewer's likes
 * from the cache; what is missing from PostgreSQL (then cached). When the viewer's cached
 * likes do not reach a post of the page, they are refilled from further back (one range
 * of the likes key); only a viewer with more likes in that range than the cache holds is
 * checked post by post (counted by `FeedMetrics.likedByFallback`).
 */
export class FeedItems {
  private readonly cache: FeedItemCache;
  private readonly source: FeedItemSource;
  private readonly metrics: FeedMetrics;
  private readonly clock: Clock;
  private readonly maxCachedLikes: number;

  constructor(
    cache: FeedItemCache,
    source: FeedItemSource,
    metrics: FeedMetrics,
    clock: Clock,
    maxCachedLikes = MAX_CACHED_LIKES,
  ) {
    this.cache = cache;
    this.source = source;
    this.metrics = metrics;
    this.clock = clock;
    this.maxCachedLikes = maxCachedLikes;
  }

  /** The entries' items: what the cache holds, the rest from PostgreSQL (then cached). */
  async assemble(viewerId: string, entries: readonly FeedEntry[]): Promise<FeedItem[]> {
    if (entries.length === 0) return [];
    const authorIds = [...new Set(entries.map((e) => e.authorId))];
    const cached = await this.cache.lookup(
      entries.map((e) => e.postId),
      authorIds,
      viewerId,
    );
    return this.complete(viewerId, entries, cached);
  }

  /** As `assemble`, from what the item caches were already found to hold (`cached`, which it completes). */
  async complete(viewerId: string, entries: readonly FeedEntry[], cached: CachedItems): Promise<FeedItem[]> {
    if (entries.length === 0) return [];
    const postIds = entries.map((e) => e.postId);
    const authorIds = [...new Set(entries.map((e) => e.authorId))];
    this.count(cached, postIds, authorIds);
    const missing = postIds.filter((id) => !cached.posts.has(id) || !cached.likeCounts.has(id));
    // Posts read from PostgreSQL come with their authors: only the others' are read apart.
    const missingSet = new Set(missing);
    const withPosts = new Set(entries.filter((e) => missingSet.has(e.postId)).map((e) => e.authorId));
    const [liked] = await Promise.all([
      this.likedAmong(viewerId, entries, cached.liked),
      this.completePosts(cached, missing),
      this.completeAuthors(
        cached,
        authorIds.filter((id) => !withPosts.has(id)),
      ),
    ]);
    return entries.flatMap((entry) => {
      const post = cached.posts.get(entry.postId);
      const author = cached.authors.get(entry.authorId);
      const likeCount = cached.likeCounts.get(entry.postId);
      if (!post || !author || likeCount === undefined) return [];
      return [{ post, author, likeCount, likedByMe: liked.has(entry.postId) }];
    });
  }

  private async completePosts(cached: CachedItems, missing: string[]): Promise<void> {
    if (missing.length === 0) return;
    const uncounted = missing.filter((id) => !cached.likeCounts.has(id));
    // Leased before reading: a like committed after our read revokes the lease, not the truth.
    const lease = uncounted.length > 0 ? await this.cache.leaseLikeCounts(uncounted) : null;
    const cards = await this.source.posts(missing);
    const bodies: PostBody[] = [];
    const counts = new Map<string, number>();
    const authors = new Map<string, UserSummary>();
    for (const { likeCount, author, ...body } of cards) {
      if (!cached.posts.has(body.id)) bodies.push(body);
      if (!cached.likeCounts.has(body.id)) counts.set(body.id, likeCount);
      if (!cached.authors.has(author.id)) authors.set(author.id, author);
      cached.posts.set(body.id, body);
      cached.likeCounts.set(body.id, likeCount);
    }
    for (const author of authors.values()) cached.authors.set(author.id, author);
    await Promise.all([
      bodies.length > 0 ? this.cache.rememberPosts(bodies) : undefined,
      lease ? this.cache.fillLikeCounts(lease, counts) : undefined,
      authors.size > 0 ? this.cache.rememberAuthors([...authors.values()]) : undefined,
    ]);
  }

  private async likedAmong(
    viewerId: string,
    entries: readonly FeedEntry[],
    known: Map<string, boolean> | null,
  ) {
    const postIds = entries.map((e) => e.postId);
    let answers = known;
    if (!answers || postIds.some((id) => !answers!.has(id))) {
      const oldest = Math.min(...entries.map((e) => e.createdAt.getTime()));
      const floor = Math.min(this.clock.now().getTime(), oldest) - LIKES_WINDOW_MS;
      answers = await this.loadLikes(viewerId, postIds, uuidV7Floor(new Date(floor)));
    }
    const unknown = postIds.filter((id) => !answers.has(id));
    if (unknown.length > 0) this.metrics.likedByFallback();
    const more = unknown.length > 0 ? await this.source.likedBy(viewerId, unknown) : new Set<string>();
    return new Set(postIds.filter((id) => answers.get(id) === true || more.has(id)));
  }

  /** The viewer's likes since `floor`, cached (replacing a narrower set) if no like raced with the read. */
  private async loadLikes(viewerId: string, postIds: string[], floor: string): Promise<Map<string, boolean>> {
    const lease = await this.cache.leaseLikes(viewerId);
    const liked = await this.source.likesSince(viewerId, floor, this.maxCachedLikes);
    if (!liked) return new Map();
    if (lease) await this.cache.fillLikes(viewerId, lease, { floor, postIds: liked });
    const set = new Set(liked);
    return new Map(postIds.filter((id) => id >= floor).map((id) => [id, set.has(id)]));
  }

  private async completeAuthors(cached: CachedItems, authorIds: string[]): Promise<void> {
    const missing = authorIds.filter((id) => !cached.authors.has(id));
    if (missing.length === 0) return;
    const authors = await this.source.authors(missing);
    for (const author of authors) cached.authors.set(author.id, author);
    await this.cache.rememberAuthors(authors);
  }

  private count(cached: CachedItems, postIds: string[], authorIds: string[]): void {
    const hits = (map: Map<string, unknown>, ids: string[]) => ids.filter((id) => map.has(id)).length;
    const posts = hits(cached.posts, postIds);
    const counts = hits(cached.likeCounts, postIds);
    const authors = hits(cached.authors, authorIds);
    this.metrics.cacheLookups('post', posts, postIds.length - posts);
    this.metrics.cacheLookups('like_count', counts, postIds.length - counts);
    this.metrics.cacheLookups('author', authors, authorIds.length - authors);
    this.metrics.cacheLookups('viewer_likes', cached.liked ? 1 : 0, cached.liked ? 0 : 1);
  }
}
