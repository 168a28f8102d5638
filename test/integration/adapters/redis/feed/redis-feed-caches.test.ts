import { afterAll } from '@jest/globals';
import { RedisCelebrityPostsCache } from '#adapters/redis/feed/redis-celebrity-posts-cache.ts';
import { RedisFeedCache } from '#adapters/redis/feed/redis-feed-cache.ts';
import { RedisFeedItemCache } from '#adapters/redis/feed/redis-feed-item-cache.ts';
import { RedisFeedPageCache } from '#adapters/redis/feed/redis-feed-page-cache.ts';
import { RedisPopularityCache } from '#adapters/redis/feed/redis-popularity-cache.ts';
import { celebrityPostsCacheContract } from '../../../../contracts/celebrity-posts-cache.contract.ts';
import { feedCacheContract } from '../../../../contracts/feed-cache.contract.ts';
import { feedItemCacheContract } from '../../../../contracts/feed-item-cache.contract.ts';
import { feedPageCacheContract } from '../../../../contracts/feed-page-cache.contract.ts';
import { popularityCacheContract } from '../../../../contracts/popularity-cache.contract.ts';
import { redisNamespace, type RedisNamespace } from '../../../../support/feed/redis-namespace.ts';

// Each suite in its own key prefix of the shared Redis, deleted afterwards.
const namespaces: RedisNamespace[] = [];
const namespace = async () => {
  const ns = await redisNamespace('feed-caches');
  namespaces.push(ns);
  return ns;
};
afterAll(async () => {
  for (const ns of namespaces) await ns.close();
});
const close = async () => {};

feedCacheContract('RedisFeedCache', async () => {
  const { redis } = await namespace();
  return { cache: (ttlSeconds = 3_600) => new RedisFeedCache(redis, { size: 10, ttlSeconds }), close };
});
celebrityPostsCacheContract('RedisCelebrityPostsCache', async () => {
  const { redis } = await namespace();
  return { cache: new RedisCelebrityPostsCache(redis, { size: 10, ttlSeconds: 3_600 }), close };
});
feedItemCacheContract('RedisFeedItemCache', async () => {
  const { redis } = await namespace();
  return {
    cache: (postSeconds = 3_600) =>
      new RedisFeedItemCache(redis, { postSeconds, authorSeconds: 3_600, likeCountSeconds: 3_600 }),
    close,
  };
});
popularityCacheContract('RedisPopularityCache', async () => ({
  cache: async () => new RedisPopularityCache((await namespace()).redis, 5),
  close,
}));
feedPageCacheContract('RedisFeedPageCache', async () => {
  const { redis } = await namespace();
  const timelines = { size: 10, ttlSeconds: 3_600 };
  return {
    caches: () => ({
      feeds: new RedisFeedCache(redis, timelines),
      celebrityPosts: new RedisCelebrityPostsCache(redis, timelines),
      items: new RedisFeedItemCache(redis, {
        postSeconds: 3_600,
        authorSeconds: 3_600,
        likeCountSeconds: 3_600,
      }),
      pages: new RedisFeedPageCache(redis, timelines),
    }),
    close,
  };
});
