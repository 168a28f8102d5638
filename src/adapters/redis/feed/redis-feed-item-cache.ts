import { randomUUID } from 'node:crypto';
import type { CachedItems, FeedItemCache, PostBody, ViewerLikes } from '#application/feed/feed-item-cache.ts';
import type { UserSummary } from '#application/social/social.views.ts';
import type { Redis } from '../redis-client.ts';
import { itemsOf } from './item-codec.ts';
import { LuaScript } from '../lua-script.ts';

export interface ItemCacheTtls {
  postSeconds: number;
  authorSeconds: number;
  likeCountSeconds: number;
  leaseMs?: number;
}

/** KEYS: lease per post · ARGV: token, ttl ms */
const leaseCounts = LuaScript.fromFile(new URL('./lua/lease-counts.lua', import.meta.url));

/** KEYS: count, lease per post · ARGV: token, ttl s, then one count per post */
const fillCounts = LuaScript.fromFile(new URL('./lua/fill-counts.lua', import.meta.url));

/** KEYS: likes hash, lease · ARGV: token, ttl s, floor, then the liked post ids */
const fillLikes = LuaScript.fromFile(new URL('./lua/fill-likes.lua', import.meta.url));

/**
 * Items by id under the client's prefix: `feed:p:<post>` (body, JSON), `feed:u:<user>`
 * (author summary, JSON), `feed:n:<post>` (like count) with `feed:nl:<post>` (its lease),
 * `feed:lk:<viewer>` (hash: the viewer's liked post ids since field `^floor`) with
 * `feed:lkl:<viewer>` (its lease).
 */
export class RedisFeedItemCache implements FeedItemCache {
  private readonly redis: Redis;
  private readonly ttl: Required<ItemCacheTtls>;

  constructor(redis: Redis, ttl: ItemCacheTtls) {
    this.redis = redis;
    this.ttl = { leaseMs: 10_000, ...ttl };
  }

  async lookup(
    postIds: readonly string[],
    authorIds: readonly string[],
    viewerId: string,
  ): Promise<CachedItems> {
    const results = await this.redis
      .pipeline()
      .mget(['feed:nokey', ...postIds.map((id) => `feed:p:${id}`), ...postIds.map((id) => `feed:n:${id}`)])
      .mget(['feed:nokey', ...authorIds.map((id) => `feed:u:${id}`)])
      .hmget(`feed:lk:${viewerId}`, '^floor', ...postIds)
      .exec();
    const [posts, authors, likes] = (results ?? []).map(([error, value]) => {
      if (error) throw error;
      return value as (string | null)[];
    }) as [(string | null)[], (string | null)[], (string | null)[]];
    return itemsOf(postIds, authorIds, {
      posts: posts.slice(1, 1 + postIds.length),
      counts: posts.slice(1 + postIds.length),
      authors: authors.slice(1),
      likes,
    });
  }

  async rememberPosts(posts: readonly PostBody[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const post of posts)
      pipeline.set(`feed:p:${post.id}`, JSON.stringify(post), 'EX', this.ttl.postSeconds);
    await pipeline.exec();
  }

  async rememberAuthors(authors: readonly UserSummary[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const a of authors) pipeline.set(`feed:u:${a.id}`, JSON.stringify(a), 'EX', this.ttl.authorSeconds);
    await pipeline.exec();
  }

  async forgetAuthors(authorIds: readonly string[]): Promise<void> {
    if (authorIds.length > 0) await this.redis.del(authorIds.map((id) => `feed:u:${id}`));
  }

  async leaseLikeCounts(postIds: readonly string[]): Promise<string> {
    const token = randomUUID();
    if (postIds.length > 0)
      await leaseCounts.run(
        this.redis,
        postIds.map((id) => `feed:nl:${id}`),
        [token, this.ttl.leaseMs],
      );
    return token;
  }

  async fillLikeCounts(lease: string, counts: ReadonlyMap<string, number>): Promise<void> {
    if (counts.size === 0) return;
    const ids = [...counts.keys()];
    await fillCounts.run(
      this.redis,
      ids.flatMap((id) => [`feed:n:${id}`, `feed:nl:${id}`]),
      [lease, this.ttl.likeCountSeconds, ...ids.map((id) => counts.get(id)!)],
    );
  }

  async forgetLikeCounts(postIds: readonly string[]): Promise<void> {
    if (postIds.length > 0) await this.redis.del(postIds.flatMap((id) => [`feed:n:${id}`, `feed:nl:${id}`]));
  }

  async leaseLikes(viewerId: string): Promise<string | null> {
    const token = randomUUID();
    const set = await this.redis.set(`feed:lkl:${viewerId}`, token, 'PX', this.ttl.leaseMs, 'NX');
    return set === 'OK' ? token : null;
  }

  async fillLikes(viewerId: string, lease: string, likes: ViewerLikes): Promise<boolean> {
    const filled = await fillLikes.run(
      this.redis,
      [`feed:lk:${viewerId}`, `feed:lkl:${viewerId}`],
      [lease, this.ttl.postSeconds, likes.floor, ...likes.postIds],
    );
    return filled === 1;
  }

  async forgetLikes(viewerIds: readonly string[]): Promise<void> {
    if (viewerIds.length > 0)
      await this.redis.del(viewerIds.flatMap((id) => [`feed:lk:${id}`, `feed:lkl:${id}`]));
  }
}
