import type { CelebrityPostsCache, FeedCache } from '#application/feed/feed-cache.ts';
import type { FeedItemCache } from '#application/feed/feed-item-cache.ts';
import type { FeedPageCache } from '#application/feed/feed-page-cache.ts';
import type { PopularityCache } from '#application/feed/popularity-cache.ts';
import type { Redis } from '../redis-client.ts';
import type { RedisCircuit } from '../redis-circuit.ts';
import { degradingCache } from './degrading-cache.ts';
import { RedisCelebrityPostsCache } from './redis-celebrity-posts-cache.ts';
import { RedisFeedCache, type TimelineCacheOptions } from './redis-feed-cache.ts';
import { RedisFeedItemCache, type ItemCacheTtls } from './redis-feed-item-cache.ts';
import { RedisFeedPageCache } from './redis-feed-page-cache.ts';
import { RedisPopularityCache } from './redis-popularity-cache.ts';

export interface RedisFeedCachesOptions {
  timelines: TimelineCacheOptions;
  items: ItemCacheTtls;
  popularSize: number;
}

const noLease = () => null;
const notFilled = () => false;
const notCached = () => null;

/**
 * The feed's caches in Redis, behind one circuit: when Redis fails, every read answers
 * "not cached" (and takes no lease, so nothing is filled), and the feed is read from
 * PostgreSQL; see `degradingCache` for what the workers' updates do.
 */
export function redisFeedCaches(redis: Redis, circuit: RedisCircuit, options: RedisFeedCachesOptions) {
  return {
    feeds: degradingCache<FeedCache>(new RedisFeedCache(redis, options.timelines), circuit, {
      page: notCached,
      lease: noLease,
      fill: notFilled,
    }),
    celebrityPosts: degradingCache<CelebrityPostsCache>(
      new RedisCelebrityPostsCache(redis, options.timelines),
      circuit,
      { page: notCached, lease: noLease, fill: notFilled },
    ),
    items: degradingCache<FeedItemCache>(new RedisFeedItemCache(redis, options.items), circuit, {
      lookup: () => ({ posts: new Map(), likeCounts: new Map(), authors: new Map(), liked: null }),
      rememberPosts: () => undefined,
      rememberAuthors: () => undefined,
      // An empty lease is no lease: the reader does not fill.
      leaseLikeCounts: () => '',
      fillLikeCounts: () => undefined,
      leaseLikes: noLease,
      fillLikes: notFilled,
    }),
    pages: degradingCache<FeedPageCache>(new RedisFeedPageCache(redis, options.timelines), circuit, {
      page: notCached,
    }),
    popularity: degradingCache<PopularityCache>(
      new RedisPopularityCache(redis, options.popularSize),
      circuit,
      { top: notCached, lease: noLease, fill: notFilled },
    ),
  };
}
