import { InMemoryCelebrityPostsCache } from '#adapters/in-memory/in-memory-celebrity-posts-cache.ts';
import { InMemoryFeedCache } from '#adapters/in-memory/in-memory-feed-cache.ts';
import { InMemoryFeedItemCache } from '#adapters/in-memory/in-memory-feed-item-cache.ts';
import { InMemoryFeedPageCache } from '#adapters/in-memory/in-memory-feed-page-cache.ts';
import { InMemoryPopularityCache } from '#adapters/in-memory/in-memory-popularity-cache.ts';
import { celebrityPostsCacheContract } from '../../../contracts/celebrity-posts-cache.contract.ts';
import { feedCacheContract } from '../../../contracts/feed-cache.contract.ts';
import { feedItemCacheContract } from '../../../contracts/feed-item-cache.contract.ts';
import { feedPageCacheContract } from '../../../contracts/feed-page-cache.contract.ts';
import { popularityCacheContract } from '../../../contracts/popularity-cache.contract.ts';

// The embedded mode's caches pass the same contracts as the Redis ones.
const close = async () => {};
feedCacheContract('InMemoryFeedCache', async () => ({
  cache: (ttlSeconds = 3_600) => new InMemoryFeedCache({ size: 10, ttlSeconds }),
  close,
}));
celebrityPostsCacheContract('InMemoryCelebrityPostsCache', async () => ({
  cache: new InMemoryCelebrityPostsCache({ size: 10, ttlSeconds: 3_600 }),
  close,
}));
feedItemCacheContract('InMemoryFeedItemCache', async () => ({
  cache: (postSeconds = 3_600) =>
    new InMemoryFeedItemCache({ postSeconds, authorSeconds: 3_600, likeCountSeconds: 3_600 }),
  close,
}));
popularityCacheContract('InMemoryPopularityCache', async () => ({
  cache: async () => new InMemoryPopularityCache(5),
  close,
}));
feedPageCacheContract('InMemoryFeedPageCache', async () => ({
  caches: () => {
    const timelines = { size: 10, ttlSeconds: 3_600 };
    const feeds = new InMemoryFeedCache(timelines);
    const celebrityPosts = new InMemoryCelebrityPostsCache(timelines);
    const items = new InMemoryFeedItemCache({
      postSeconds: 3_600,
      authorSeconds: 3_600,
      likeCountSeconds: 3_600,
    });
    return { feeds, celebrityPosts, items, pages: new InMemoryFeedPageCache(feeds, celebrityPosts, items) };
  },
  close,
}));
