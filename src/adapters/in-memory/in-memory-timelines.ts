import { randomUUID } from 'node:crypto';
import { isAfter, newestFirst, type FeedEntry, type FeedPosition } from '#domain/feed/feed-entry.ts';

export interface Timeline {
  entries: FeedEntry[];
  complete: boolean;
  celebrities: string[];
  epoch: number;
}

/**
 * Sorted timelines with leases, in process memory: the same protocol as the Redis
 * scripts (timeline-scripts.ts), for the embedded mode. All of the feed runs in one
 * process there, so one instance is shared by the API and the workers.
 */
export class InMemoryTimelines {
  private readonly timelines = new Map<string, { timeline: Timeline; expiresAt: number }>();
  private readonly leases = new Map<string, { token: string; expiresAt: number }>();
  private readonly size: number;
  private readonly ttlMs: number;
  private readonly capacity: number;

  constructor(size: number, ttlMs: number, capacity = 10_000) {
    this.size = size;
    this.ttlMs = ttlMs;
    this.capacity = capacity;
  }

  /** The live timeline (its TTL slid when `slide`), or undefined. */
  get(id: string, slide: boolean): Timeline | undefined {
    const found = this.timelines.get(id);
    if (!found) return undefined;
    if (found.expiresAt <= Date.now()) {
      this.timelines.delete(id);
      return undefined;
    }
    if (slide) found.expiresAt = Date.now() + this.ttlMs;
    return found.timeline;
  }

  page(timeline: Timeline, after: FeedPosition | null, limit: number): FeedEntry[] {
    return timeline.entries.filter((e) => isAfter(e, after)).slice(0, limit);
  }

  lease(id: string): string | null {
    const held = this.leases.get(id);
    if (held && held.expiresAt > Date.now()) return null;
    const token = randomUUID();
    this.leases.set(id, { token, expiresAt: Date.now() + 10_000 });
    return token;
  }

  /** Stores the timeline if `token` still holds the lease (and `valid` agrees). */
  fill(id: string, token: string, timeline: Timeline, valid = true): boolean {
    const held = this.leases.get(id);
    if (!held || held.token !== token || held.expiresAt <= Date.now()) return false;
    this.leases.delete(id);
    this.timelines.delete(id);
    if (!valid) return false;
    const entries = [...timeline.entries].sort(newestFirst);
    const kept = entries.slice(0, this.size);
    this.timelines.set(id, {
      timeline: { ...timeline, entries: kept, complete: timeline.complete && kept.length === entries.length },
      expiresAt: Date.now() + this.ttlMs,
    });
    if (this.timelines.size > this.capacity) this.timelines.delete(this.timelines.keys().next().value!);
    return true;
  }

  /** Adds the entry where cached (not below an incomplete range); else revokes the lease. */
  push(id: string, entry: FeedEntry): void {
    const timeline = this.get(id, false);
    if (!timeline) {
      this.leases.delete(id);
      return;
    }
    const lowest = timeline.entries.at(-1);
    const older = lowest !== undefined && newestFirst(entry, lowest) > 0;
    if (!timeline.complete && older) return;
    if (timeline.entries.some((e) => e.postId === entry.postId)) return;
    timeline.entries = [...timeline.entries, entry].sort(newestFirst);
    if (timeline.entries.length > this.size) {
      timeline.entries = timeline.entries.slice(0, this.size);
      timeline.complete = false;
    }
  }

  /** Revokes the outstanding lease, if any. */
  revoke(id: string): void {
    this.leases.delete(id);
  }

  drop(id: string): void {
    this.timelines.delete(id);
    this.leases.delete(id);
  }
}
