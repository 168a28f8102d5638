import type { CachedFeedPage, FeedPageCache } from '#application/feed/feed-page-cache.ts';
import type { FeedPosition } from '#domain/feed/feed-entry.ts';
import type { Redis } from '../redis-client.ts';
import { feedPageScript } from './feed-page-script.ts';
import { itemsOf } from './item-codec.ts';
import { entriesOf, rangeArgs } from './timeline-codec.ts';

type Reply = [
  number,
  string[],
  (string | null)[],
  (string | null)[],
  string[],
  (string | null)[],
  (string | null)[],
];

/**
 * The warm page in one script (feed-page-script.ts) over the keys of RedisFeedCache,
 * RedisCelebrityPostsCache and RedisFeedItemCache.
 */
export class RedisFeedPageCache implements FeedPageCache {
  private readonly redis: Redis;
  private readonly ttlSeconds: number;

  constructor(redis: Redis, options: { ttlSeconds: number }) {
    this.redis = redis;
    this.ttlSeconds = options.ttlSeconds;
  }

  async page(ownerId: string, after: FeedPosition | null, count: number): Promise<CachedFeedPage | null> {
    const [max, cursor] = rangeArgs(after);
    const reply = (await feedPageScript.run(
      this.redis,
      [`feed:h:${ownerId}`, `feed:hm:${ownerId}`, 'feed:epoch', `feed:lk:${ownerId}`],
      [this.redis.options.keyPrefix ?? '', max, cursor, count, this.ttlSeconds],
    )) as Reply | null;
    if (!reply) return null;
    const [celebrities, pairs, posts, counts, authorIds, authors, likes] = reply;
    const entries = entriesOf(pairs);
    const postIds = entries.map((e) => e.postId);
    return { entries, celebrities, items: itemsOf(postIds, authorIds, { posts, counts, authors, likes }) };
  }
}
