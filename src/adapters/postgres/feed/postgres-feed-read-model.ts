import type { SqlEntityManager } from '@mikro-orm/sql';
import type { FeedReadModel } from '#application/feed/feed-read-model.ts';
import type { FeedEntry, FeedPosition } from '#domain/feed/feed-entry.ts';
import { scopedEntityManager } from '../entity-manager.ts';
import { CREATED_MS, entryOfRow, uuidArray, type FeedRow } from './feed-rows.ts';

/**
 * The hot query reads one partition's primary key backwards, (owner, time desc, post
 * desc) with the author included: an index-only scan, no join, no sort (proved by
 * test/integration/adapters/postgres/feed/user-feed-query-plan.test.ts).
 */
export const FEED_PAGE_SQL = `
  select ${CREATED_MS}, post_id, author_id from user_feed
   where owner_id = ? and (created_at, post_id) < (?::timestamptz, ?::uuid)
   order by created_at desc, post_id desc
   limit ?`;

// The first page: "after" the end of time (an impossible position keeps one statement shape).
const END_OF_TIME = new Date('9999-12-31T00:00:00.000Z');
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

export class PostgresFeedReadModel implements FeedReadModel {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async page(ownerId: string, after: FeedPosition | null, limit: number): Promise<FeedEntry[]> {
    const rows = await scopedEntityManager(this.em).execute<FeedRow[]>(FEED_PAGE_SQL, [
      ownerId,
      after?.createdAt ?? END_OF_TIME,
      after?.id ?? MAX_UUID,
      limit,
    ]);
    return rows.map(entryOfRow);
  }

  async celebritiesFollowedBy(ownerId: string): Promise<string[]> {
    const rows = await scopedEntityManager(this.em).execute<{ author_id: string }[]>(
      `select c.author_id from follows f join feed_celebrities c on c.author_id = f.followee_id
        where f.follower_id = ?`,
      [ownerId],
    );
    return rows.map((r) => r.author_id);
  }

  async postsBy(authorId: string, after: FeedPosition | null, limit: number): Promise<FeedEntry[]> {
    // The index (author_id, created_at desc, id desc) of posts serves this range directly.
    const rows = await scopedEntityManager(this.em).execute<FeedRow[]>(
      `select ${CREATED_MS}, id as post_id, author_id from posts
        where author_id = ? and (created_at, id) < (?::timestamptz, ?::uuid)
        order by created_at desc, id desc
        limit ?`,
      [authorId, after?.createdAt ?? END_OF_TIME, after?.id ?? MAX_UUID, limit],
    );
    return rows.map(entryOfRow);
  }

  async holders(entry: FeedEntry, ownerIds: readonly string[]): Promise<string[]> {
    if (ownerIds.length === 0) return [];
    const rows = await scopedEntityManager(this.em).execute<{ owner_id: string }[]>(
      `select owner_id from user_feed
        where owner_id = any(?::uuid[]) and created_at = ? and post_id = ?`,
      [uuidArray(ownerIds), entry.createdAt, entry.postId],
    );
    return rows.map((r) => r.owner_id);
  }
}
