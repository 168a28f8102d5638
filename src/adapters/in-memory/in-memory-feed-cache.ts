import type {
  CachedHomeFeed,
  FeedCache,
  HomeFeedSnapshot,
  OwnerGeneration,
} from '#application/feed/feed-cache.ts';
import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';
import { InMemoryTimelines } from './in-memory-timelines.ts';

/**
 * Home feeds in process memory (embedded mode, or no REDIS_URL). Correct only when the
 * API and the feed workers share the process (`rookery all`), as the embedded mode does:
 * a separate API process would never see the workers' updates.
 */
export class InMemoryFeedCache implements FeedCache {
  private readonly timelines: InMemoryTimelines;
  private readonly generationsById = new Map<string, number>();
  private epoch = 0;

  constructor(options: { size: number; ttlSeconds: number }) {
    this.timelines = new InMemoryTimelines(options.size, options.ttlSeconds * 1000);
  }

  async page(ownerId: string, after: FeedPosition | null, limit: number): Promise<CachedHomeFeed | null> {
    const timeline = this.timelines.get(ownerId, true);
    if (!timeline || timeline.epoch !== this.epoch) return null;
    return {
      entries: this.timelines.page(timeline, after, limit),
      complete: timeline.complete,
      celebrities: [...timeline.celebrities],
    };
  }

  async lease(ownerId: string): Promise<string | null> {
    const token = this.timelines.lease(ownerId);
    return token && `${token}/${this.epoch}`;
  }

  async fill(ownerId: string, lease: string, snapshot: HomeFeedSnapshot): Promise<boolean> {
    const epoch = Number(lease.slice(lease.indexOf('/') + 1));
    return this.timelines.fill(
      ownerId,
      lease.slice(0, lease.indexOf('/')),
      { ...snapshot, epoch },
      epoch === this.epoch,
    );
  }

  async generations(ownerIds: readonly string[]): Promise<OwnerGeneration[]> {
    return ownerIds.map((ownerId) => ({ ownerId, generation: this.generationsById.get(ownerId) ?? 0 }));
  }

  async cachedGenerations(ownerIds: readonly string[]): Promise<OwnerGeneration[]> {
    const cached: string[] = [];
    for (const ownerId of ownerIds) {
      if (this.timelines.get(ownerId, false)) cached.push(ownerId);
      else this.timelines.revoke(ownerId);
    }
    return this.generations(cached);
  }

  async push(entry: FeedEntry, owners: readonly OwnerGeneration[]): Promise<void> {
    for (const { ownerId, generation } of owners) {
      if ((this.generationsById.get(ownerId) ?? 0) === generation) this.timelines.push(ownerId, entry);
    }
  }

  async invalidate(ownerIds: readonly string[]): Promise<void> {
    for (const ownerId of ownerIds) {
      this.timelines.drop(ownerId);
      this.generationsById.set(ownerId, (this.generationsById.get(ownerId) ?? 0) + 1);
    }
  }

  async invalidateAll(): Promise<void> {
    this.epoch++;
  }
}
