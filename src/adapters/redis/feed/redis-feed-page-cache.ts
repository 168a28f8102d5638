import { randomUUID } from 'node:crypto';
import type { CachedFeedPage, FeedPageCache, FeedPageMiss } from '#application/feed/feed-page-cache.ts';
import type { FeedPosition } from '#domain/feed/feed-entry.ts';
import type { Redis } from '../redis-client.ts';
import { feedPageScript } from './feed-page-script.ts';
import { itemsOf } from './item-codec.ts';
import { entriesOf, leaseToken, rangeArgs } from './timeline-codec.ts';

type Miss = ['miss', string | null];
type Reply = [number, string[], (string | null)[], string[], (string | null)[]];

/**
 * The warm page in one script (feed-page-script.ts) over the keys of RedisFeedCache,
 * RedisCelebrityPostsCache and RedisFeedItemCache.
 */
export class RedisFeedPageCache implements FeedPageCache {
  private readonly redis: Redis;
  private readonly ttlSeconds: number;
  private readonly leaseMs: number;

  /** Same TTL and lease time as the RedisFeedCache whose feeds it reads. */
  constructor(redis: Redis, options: { ttlSeconds: number; leaseMs?: number }) {
    this.redis = redis;
    this.ttlSeconds = options.ttlSeconds;
    this.leaseMs = options.leaseMs ?? 10_000;
  }

  async page(
    ownerId: string,
    after: FeedPosition | null,
    count: number,
  ): Promise<CachedFeedPage | FeedPageMiss | null> {
    const [max, cursor] = rangeArgs(after);
    const token = randomUUID();
    const reply = (await feedPageScript.run(
      this.redis,
      [`feed:h:${ownerId}`, `feed:hm:${ownerId}`, 'feed:epoch', `feed:lk:${ownerId}`, `feed:hl:${ownerId}`],
      [this.redis.options.keyPrefix ?? '', max, cursor, count, this.ttlSeconds, token, this.leaseMs],
    )) as Reply | Miss | null;
    if (!reply) return null;
    if (reply[0] === 'miss') return { lease: reply[1] === null ? null : leaseToken(token, reply[1]) };
    const [celebrities, pairs, values, authorIds, likes] = reply as Reply;
    const entries = entriesOf(pairs);
    const postIds = entries.map((e) => e.postId);
    // values: body and counter of each post in turn, then each author's summary.
    const posts = postIds.map((_, i) => values[2 * i] ?? null);
    const counts = postIds.map((_, i) => values[2 * i + 1] ?? null);
    const authors = values.slice(2 * postIds.length);
    return { entries, celebrities, items: itemsOf(postIds, authorIds, { posts, counts, authors, likes }) };
  }
}
