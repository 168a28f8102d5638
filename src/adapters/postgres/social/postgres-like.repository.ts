import type { SqlEntityManager } from '@mikro-orm/sql';
import type { LikeRepository } from '#application/social/like.repository.ts';
import { Like } from '#domain/social/like.entity.ts';
import { scopedEntityManager } from '../entity-manager.ts';
import { flushedTransaction } from './staged-writes.ts';

/**
 * Likes and the post's `like_count` change in one statement each: a repeated or
 * concurrent like inserts nothing (`on conflict do nothing`) and so counts nothing.
 */
export class PostgresLikeRepository implements LikeRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(like: Like): Promise<boolean> {
    const rows = await (
      await flushedTransaction(this.em)
    ).execute<{ n: number }[]>(
      `with inserted as (
         insert into likes (user_id, post_id, created_at) values (?, ?, ?)
         on conflict do nothing returning post_id
       ), counted as (
         update posts set like_count = like_count + 1 where id in (select post_id from inserted)
       )
       select count(*)::int as n from inserted`,
      [like.userId, like.postId, like.createdAt],
    );
    return Number(rows[0]?.n) === 1;
  }

  find(userId: string, postId: string): Promise<Like | null> {
    return scopedEntityManager(this.em).findOne(Like, { userId, postId }, { disableIdentityMap: true });
  }

  async remove(like: Like): Promise<boolean> {
    const rows = await (
      await flushedTransaction(this.em)
    ).execute<{ n: number }[]>(
      `with deleted as (
         delete from likes where user_id = ? and post_id = ? returning post_id
       ), counted as (
         update posts set like_count = like_count - 1 where id in (select post_id from deleted)
       )
       select count(*)::int as n from deleted`,
      [like.userId, like.postId],
    );
    return Number(rows[0]?.n) === 1;
  }
}
