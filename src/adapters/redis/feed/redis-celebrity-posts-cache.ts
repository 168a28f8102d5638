import { randomUUID } from 'node:crypto';
import type { CachedTimeline, CelebrityPostsCache } from '#application/feed/feed-cache.ts';
import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';
import type { Redis } from '../redis-client.ts';
import type { TimelineCacheOptions } from './redis-feed-cache.ts';
import { entriesOf, leaseToken, tokenOfLease, memberOf, rangeArgs, scoredMembers } from './timeline-codec.ts';
import { fillScript, leaseScript, pageScript, pushScript } from './timeline-scripts.ts';

/**
 * Each celebrity's newest posts: `feed:c:<author>` (sorted set), `feed:cm:<author>`
 * (meta), `feed:cl:<author>` (lease). Read by all their followers, so the TTL slides
 * with every read; posts are never removed, so there is no generation to check.
 */
export class RedisCelebrityPostsCache implements CelebrityPostsCache {
  private readonly redis: Redis;
  private readonly options: Required<TimelineCacheOptions>;

  constructor(redis: Redis, options: TimelineCacheOptions) {
    this.redis = redis;
    this.options = { leaseMs: 10_000, ...options };
  }

  async page(authorId: string, after: FeedPosition | null, limit: number): Promise<CachedTimeline | null> {
    const [zset, meta] = keys(authorId);
    const [max, cursor] = rangeArgs(after);
    const result = (await pageScript.run(
      this.redis,
      [zset, meta, meta],
      [max, cursor, limit, this.options.ttlSeconds, 0],
    )) as [string, string, string[]] | null;
    if (!result) return null;
    return { entries: entriesOf(result[2]), complete: result[0] === '1' };
  }

  async lease(authorId: string): Promise<string | null> {
    const token = randomUUID();
    // No epoch here: the lease key stands in for it (any string key does).
    const lease = keys(authorId)[2];
    const epoch = await leaseScript.run(this.redis, [lease, lease], [token, this.options.leaseMs]);
    return epoch === null ? null : leaseToken(token, '0');
  }

  async fill(authorId: string, lease: string, snapshot: CachedTimeline): Promise<boolean> {
    const [zset, meta, leaseKey] = keys(authorId);
    const entries = snapshot.entries.slice(0, this.options.size);
    const complete = snapshot.complete && entries.length === snapshot.entries.length;
    const filled = await fillScript.run(
      this.redis,
      [zset, meta, leaseKey, meta],
      [
        tokenOfLease(lease),
        this.options.ttlSeconds,
        complete ? '1' : '0',
        '',
        '0',
        0,
        ...scoredMembers(entries),
      ],
    );
    return filled === 1;
  }

  async push(entry: FeedEntry): Promise<void> {
    const [zset, meta, lease] = keys(entry.authorId);
    await pushScript.run(
      this.redis,
      [zset, meta, lease, meta],
      [memberOf(entry), entry.createdAt.getTime(), this.options.size, '*'],
    );
  }
}

function keys(authorId: string): [string, string, string] {
  return [`feed:c:${authorId}`, `feed:cm:${authorId}`, `feed:cl:${authorId}`];
}
