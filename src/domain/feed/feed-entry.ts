/**
 * One post in someone's home feed: which post, whose, and when it was written. Feeds are
 * ordered newest first by (time, post id); the id breaks ties, so two posts written in
 * the same millisecond still have one stable order.
 */
export interface FeedEntry {
  readonly postId: string;
  readonly authorId: string;
  readonly createdAt: Date;
}

/** A place in a feed: the time and id of the last entry seen. */
export interface FeedPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** Negative when `a` comes before `b` in a feed (newer, or same time and greater id). */
export function newestFirst(a: FeedEntry, b: FeedEntry): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.postId < b.postId ? 1 : a.postId > b.postId ? -1 : 0;
}

/** Whether `entry` comes strictly after `position` (is older), i.e. belongs to the next page. */
export function isAfter(entry: FeedEntry, position: FeedPosition | null): boolean {
  if (!position) return true;
  const t = entry.createdAt.getTime();
  const p = position.createdAt.getTime();
  return t < p || (t === p && entry.postId < position.id);
}

export function positionOf(entry: FeedEntry): FeedPosition {
  return { createdAt: entry.createdAt, id: entry.postId };
}

/**
 * The first `limit` entries of several newest-first lists, newest first, each post once.
 * Each list must hold its own first `limit` entries: then the merge is exact (a post can
 * sit in two lists, e.g. a celebrity's post fanned out before they became one).
 */
export function mergeNewestFirst(lists: readonly (readonly FeedEntry[])[], limit: number): FeedEntry[] {
  const seen = new Set<string>();
  const merged: FeedEntry[] = [];
  for (const entry of lists.flat().sort(newestFirst)) {
    if (seen.has(entry.postId)) continue;
    seen.add(entry.postId);
    merged.push(entry);
    if (merged.length === limit) break;
  }
  return merged;
}

/**
 * The smallest UUIDv7 of a millisecond: post ids are UUIDv7 (time first), so "posts
 * created since t" is the id range `>= uuidV7Floor(t)`, in PostgreSQL's uuid order and in
 * the ids' text order alike.
 */
export function uuidV7Floor(at: Date): string {
  const hex = Math.max(0, Math.floor(at.getTime())).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
