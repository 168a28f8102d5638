import { randomUUID } from 'node:crypto';
import type {
  CachedHomeFeed,
  FeedCache,
  HomeFeedSnapshot,
  OwnerGeneration,
} from '#application/feed/feed-cache.ts';
import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';
import type { Redis } from '../redis-client.ts';
import {
  entriesOf,
  epochOfLease,
  leaseToken,
  tokenOfLease,
  memberOf,
  rangeArgs,
  scoredMembers,
} from './timeline-codec.ts';
import {
  cachedGenerationsScript,
  fillScript,
  invalidateScript,
  leaseScript,
  pageScript,
  pushScript,
} from './timeline-scripts.ts';

export interface TimelineCacheOptions {
  /** Entries kept per timeline. */
  size: number;
  /** Sliding TTL: a timeline not read for this long is dropped. */
  ttlSeconds: number;
  /** How long a reader may take between its lease and its fill. */
  leaseMs?: number;
}

const EPOCH = 'feed:epoch';
// Generations must outlive any delivery still being checked; they are tiny.
const GENERATION_TTL_S = 2 * 86_400;
const PUSH_BATCH = 500;

/**
 * Home feeds in Redis, keys under the client's prefix: `feed:h:<owner>` (sorted set),
 * `feed:hm:<owner>` (meta), `feed:hl:<owner>` (lease), `feed:hg:<owner>` (generation),
 * and `feed:epoch`, which a new celebrity moves on to make every cached feed stale.
 */
export class RedisFeedCache implements FeedCache {
  private readonly redis: Redis;
  private readonly options: Required<TimelineCacheOptions>;

  constructor(redis: Redis, options: TimelineCacheOptions) {
    this.redis = redis;
    this.options = { leaseMs: 10_000, ...options };
  }

  async page(ownerId: string, after: FeedPosition | null, limit: number): Promise<CachedHomeFeed | null> {
    const [max, cursor] = rangeArgs(after);
    const result = (await pageScript.run(this.redis, keys(ownerId).slice(0, 2).concat(EPOCH), [
      max,
      cursor,
      limit,
      this.options.ttlSeconds,
      1,
    ])) as [string, string, string[]] | null;
    if (!result) return null;
    const [complete, celebs, pairs] = result;
    return {
      entries: entriesOf(pairs),
      complete: complete === '1',
      celebrities: celebs ? celebs.split(',') : [],
    };
  }

  async lease(ownerId: string): Promise<string | null> {
    const token = randomUUID();
    const epoch = (await leaseScript.run(
      this.redis,
      [keys(ownerId)[2], EPOCH],
      [token, this.options.leaseMs],
    )) as string | null;
    return epoch === null ? null : leaseToken(token, epoch);
  }

  async fill(ownerId: string, lease: string, snapshot: HomeFeedSnapshot): Promise<boolean> {
    const [zset, meta, leaseKey] = keys(ownerId);
    const entries = snapshot.entries.slice(0, this.options.size);
    const complete = snapshot.complete && entries.length === snapshot.entries.length;
    const filled = await fillScript.run(
      this.redis,
      [zset, meta, leaseKey, EPOCH],
      [
        tokenOfLease(lease),
        this.options.ttlSeconds,
        complete ? '1' : '0',
        snapshot.celebrities.join(','),
        epochOfLease(lease),
        1,
        ...scoredMembers(entries),
      ],
    );
    return filled === 1;
  }

  async generations(ownerIds: readonly string[]): Promise<OwnerGeneration[]> {
    if (ownerIds.length === 0) return [];
    const values = await this.redis.mget(ownerIds.map((id) => keys(id)[3]));
    return ownerIds.map((ownerId, i) => ({ ownerId, generation: Number(values[i] ?? 0) }));
  }

  async cachedGenerations(ownerIds: readonly string[]): Promise<OwnerGeneration[]> {
    const found: OwnerGeneration[] = [];
    for (let i = 0; i < ownerIds.length; i += PUSH_BATCH) {
      const batch = ownerIds.slice(i, i + PUSH_BATCH);
      const replies = (await cachedGenerationsScript.run(this.redis, batch.flatMap(keys), [])) as (
        string | null
      )[];
      batch.forEach((ownerId, j) => {
        if (replies[j] !== null && replies[j] !== undefined)
          found.push({ ownerId, generation: Number(replies[j]) });
      });
    }
    return found;
  }

  async push(entry: FeedEntry, owners: readonly OwnerGeneration[]): Promise<void> {
    for (let i = 0; i < owners.length; i += PUSH_BATCH) {
      const batch = owners.slice(i, i + PUSH_BATCH);
      await pushScript.run(
        this.redis,
        batch.flatMap((o) => keys(o.ownerId)),
        [
          memberOf(entry),
          entry.createdAt.getTime(),
          this.options.size,
          ...batch.map((o) => String(o.generation)),
        ],
      );
    }
  }

  async invalidate(ownerIds: readonly string[]): Promise<void> {
    for (let i = 0; i < ownerIds.length; i += PUSH_BATCH) {
      const batch = ownerIds.slice(i, i + PUSH_BATCH);
      await invalidateScript.run(this.redis, batch.flatMap(keys), [GENERATION_TTL_S]);
    }
  }

  async invalidateAll(): Promise<void> {
    await this.redis.incr(EPOCH);
  }
}

function keys(ownerId: string): [string, string, string, string] {
  return [`feed:h:${ownerId}`, `feed:hm:${ownerId}`, `feed:hl:${ownerId}`, `feed:hg:${ownerId}`];
}
