import type { FeedEntry } from '#domain/feed/feed-entry.ts';
import { timestampOf } from '../social/sql-values.ts';

export interface FeedRow {
  created_at?: unknown;
  /** The time as epoch milliseconds: cheaper to read than a timestamp's text, hundreds of rows at a time. */
  created_ms?: number | string;
  post_id: string;
  author_id: string;
}

export function entryOfRow(row: FeedRow): FeedEntry {
  const createdAt =
    row.created_ms !== undefined ? new Date(Number(row.created_ms)) : timestampOf(row.created_at);
  return { postId: row.post_id, authorId: row.author_id, createdAt };
}

/** `created_at` as epoch milliseconds (timestamptz(3): exact). */
export const CREATED_MS = '(extract(epoch from created_at) * 1000)::bigint as created_ms';

/**
 * A PostgreSQL array literal of uuids, bound as one parameter (`?::uuid[]`): the driver
 * layer would otherwise expand a JS array into a list of parameters. Only ever built from
 * uuids, which need no quoting.
 */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`Not a uuid: ${id}`);
  return `{${ids.join(',')}}`;
}

/**
 * One advisory lock key per author (namespace 7406 = "feed"): deliveries and backfills of
 * an author hold it shared, removals of the author from a feed hold it exclusively.
 */
export const AUTHOR_LOCK = '7406, hashtext(?::text)';
