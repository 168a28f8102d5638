import type { CachedTimeline, CelebrityPostsCache } from '#application/feed/feed-cache.ts';
import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';
import { InMemoryTimelines } from './in-memory-timelines.ts';

export class InMemoryCelebrityPostsCache implements CelebrityPostsCache {
  private readonly timelines: InMemoryTimelines;

  constructor(options: { size: number; ttlSeconds: number }) {
    this.timelines = new InMemoryTimelines(options.size, options.ttlSeconds * 1000);
  }

  async page(authorId: string, after: FeedPosition | null, limit: number): Promise<CachedTimeline | null> {
    const timeline = this.timelines.get(authorId, true);
    if (!timeline) return null;
    return { entries: this.timelines.page(timeline, after, limit), complete: timeline.complete };
  }

  async lease(authorId: string): Promise<string | null> {
    return this.timelines.lease(authorId);
  }

  async fill(authorId: string, lease: string, snapshot: CachedTimeline): Promise<boolean> {
    return this.timelines.fill(authorId, lease, { ...snapshot, celebrities: [], epoch: 0 });
  }

  async push(entry: FeedEntry): Promise<void> {
    this.timelines.push(entry.authorId, entry);
  }
}
