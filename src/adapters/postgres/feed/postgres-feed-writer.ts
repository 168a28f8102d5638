import type { SqlEntityManager } from '@mikro-orm/sql';
import type { DeliveredChunk, FeedWriter, FollowerCursor } from '#application/feed/feed-writer.ts';
import type { FeedEntry } from '#domain/feed/feed-entry.ts';
import { transactionalEntityManager } from '../entity-manager.ts';
import { timestampOf } from '../social/sql-values.ts';
import { AUTHOR_LOCK } from './feed-rows.ts';

interface ChunkRow {
  scanned: number | string;
  owners: string[] | null;
  last_followed_at: unknown;
  last_follower_id: string | null;
}

/**
 * Set-based writes to `user_feed`: one INSERT … SELECT per chunk of followers (walking the
 * followers index, follow time desc), `on conflict do nothing` for idempotency.
 *
 * Why the author lock: a delivery reads `follows` at the start of its statement and
 * commits later. An unfollow committed in between would have its removal run before the
 * delivery commits, miss the new row, and leave it behind. Removals therefore wait
 * (exclusive lock) for in-flight deliveries of that author (shared lock), and everything
 * that starts after a removal sees the unfollow.
 */
export class PostgresFeedWriter implements FeedWriter {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async deliverToAuthor(entry: FeedEntry): Promise<boolean> {
    const rows = await transactionalEntityManager(this.em).execute(
      `insert into user_feed (owner_id, created_at, post_id, author_id) values (?, ?, ?, ?)
       on conflict do nothing returning owner_id`,
      [entry.authorId, entry.createdAt, entry.postId, entry.authorId],
    );
    return rows.length === 1;
  }

  async deliverToFollowers(
    entry: FeedEntry,
    after: FollowerCursor | null,
    limit: number,
  ): Promise<DeliveredChunk> {
    const em = transactionalEntityManager(this.em);
    await em.execute(`select pg_advisory_xact_lock_shared(${AUTHOR_LOCK})`, [entry.authorId]);
    const from = after
      ? 'and (created_at < ?::timestamptz or (created_at = ?::timestamptz and follower_id > ?::uuid))'
      : '';
    const [row] = await em.execute<ChunkRow[]>(
      `with chunk as (
         select follower_id, created_at from follows
          where followee_id = ? ${from}
          order by created_at desc, follower_id asc
          limit ?
       ), inserted as (
         insert into user_feed (owner_id, created_at, post_id, author_id)
         select follower_id, ?::timestamptz, ?::uuid, ?::uuid from chunk
         on conflict do nothing returning owner_id
       ), last as (
         select created_at, follower_id from chunk order by created_at asc, follower_id desc limit 1
       )
       select (select count(*) from chunk) as scanned,
              (select json_agg(owner_id) from inserted) as owners,
              (select created_at from last) as last_followed_at,
              (select follower_id from last) as last_follower_id`,
      [
        entry.authorId,
        ...(after ? [after.followedAt, after.followedAt, after.followerId] : []),
        limit,
        entry.createdAt,
        entry.postId,
        entry.authorId,
      ],
    );
    const full = Number(row?.scanned ?? 0) === limit && row?.last_follower_id;
    return {
      owners: row?.owners ?? [],
      next: full
        ? { followedAt: timestampOf(row.last_followed_at), followerId: row.last_follower_id! }
        : null,
    };
  }

  async backfill(ownerId: string, authorId: string, limit: number): Promise<number> {
    const em = transactionalEntityManager(this.em);
    await em.execute(`select pg_advisory_xact_lock_shared(${AUTHOR_LOCK})`, [authorId]);
    const rows = await em.execute(
      `insert into user_feed (owner_id, created_at, post_id, author_id)
       select ?, p.created_at, p.id, p.author_id from posts p
        where p.author_id = ?
          and exists (select 1 from follows f where f.follower_id = ? and f.followee_id = ?)
        order by p.created_at desc, p.id desc
        limit ?
       on conflict do nothing returning post_id`,
      [ownerId, authorId, ownerId, authorId, limit],
    );
    return rows.length;
  }

  async removeAuthor(ownerId: string, authorId: string): Promise<number> {
    const em = transactionalEntityManager(this.em);
    await em.execute(`select pg_advisory_xact_lock(${AUTHOR_LOCK})`, [authorId]);
    const rows = await em.execute(
      `delete from user_feed
        where owner_id = ? and author_id = ?
          and not exists (select 1 from follows f where f.follower_id = ? and f.followee_id = ?)
       returning post_id`,
      [ownerId, authorId, ownerId, authorId],
    );
    return rows.length;
  }
}
