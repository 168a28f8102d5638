import { randomUUID } from 'node:crypto';
import { newestFirst, type FeedEntry } from '#domain/feed/feed-entry.ts';

export const T0 = new Date('2026-11-22T09:00:00.000Z').getTime();

/** An entry at T0 + ms; the ids are random, so entries sharing a millisecond order by id. */
export function anEntry(ms: number, authorId: string = randomUUID()): FeedEntry {
  return { postId: randomUUID(), authorId, createdAt: new Date(T0 + ms) };
}

/** `count` entries, several per millisecond, newest first. */
export function someEntries(count: number, authorId?: string): FeedEntry[] {
  return Array.from({ length: count }, (_, i) => anEntry(Math.floor(i / 3) * 1000, authorId)).sort(
    newestFirst,
  );
}

/** Page through `read` until the end, `limit` at a time. */
export async function readAll(
  read: (after: FeedEntry | null) => Promise<FeedEntry[]>,
  limit: number,
): Promise<FeedEntry[]> {
  const all: FeedEntry[] = [];
  for (;;) {
    const page = await read(all.at(-1) ?? null);
    all.push(...page);
    if (page.length < limit) return all;
  }
}

export const ids = (entries: readonly FeedEntry[]) => entries.map((e) => e.postId);
