import type { SqlEntityManager } from '@mikro-orm/sql';
import type { FollowRepository } from '#application/social/follow.repository.ts';
import { Follow } from '#domain/social/follow.entity.ts';
import { scopedEntityManager } from '../entity-manager.ts';
import { flushedTransaction } from './staged-writes.ts';

/**
 * A follow and both users' counters change in one statement: a repeated or concurrent
 * follow inserts nothing and counts nothing. Both counter rows are updated by a single
 * UPDATE, so two people following each other at once lock them in the same order.
 */
export class PostgresFollowRepository implements FollowRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(follow: Follow): Promise<boolean> {
    const rows = await (
      await flushedTransaction(this.em)
    ).execute<{ n: number }[]>(
      `with changed as (
         insert into follows (follower_id, followee_id, created_at) values (?, ?, ?)
         on conflict do nothing returning follower_id, followee_id
       ), counted as (${counterUpdate('+')})
       select count(*)::int as n from changed`,
      [follow.followerId, follow.followeeId, follow.createdAt],
    );
    return Number(rows[0]?.n) === 1;
  }

  find(followerId: string, followeeId: string): Promise<Follow | null> {
    return scopedEntityManager(this.em).findOne(
      Follow,
      { followerId, followeeId },
      { disableIdentityMap: true },
    );
  }

  async remove(follow: Follow): Promise<boolean> {
    const rows = await (
      await flushedTransaction(this.em)
    ).execute<{ n: number }[]>(
      `with changed as (
         delete from follows where follower_id = ? and followee_id = ? returning follower_id, followee_id
       ), counted as (${counterUpdate('-')})
       select count(*)::int as n from changed`,
      [follow.followerId, follow.followeeId],
    );
    return Number(rows[0]?.n) === 1;
  }
}

function counterUpdate(sign: '+' | '-'): string {
  return `update users set
      following_count = following_count ${sign} (users.id = changed.follower_id)::int,
      followers_count = followers_count ${sign} (users.id = changed.followee_id)::int
    from changed where users.id in (changed.follower_id, changed.followee_id)`;
}
