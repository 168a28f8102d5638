import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Page, PageRequest } from '#application/social/page.ts';
import type { FollowView, FollowViews } from '#application/social/social.views.ts';
import { scopedEntityManager } from '../entity-manager.ts';
import { timestampOf } from './sql-values.ts';

interface FollowRow {
  created_at: unknown;
  id: string;
  handle: string;
  display_name: string;
  avatar_id: string | null;
}

/**
 * Sorted by (follow time desc, listed user's id asc): exactly the order of the indexes
 * `(followee_id, created_at desc, follower_id)` and `(follower_id, created_at desc,
 * followee_id)`, so each page is one index range scan.
 */
export class PostgresFollowViews implements FollowViews {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  followers(userId: string, page: PageRequest): Promise<Page<FollowView>> {
    return this.list('followee_id', 'follower_id', userId, page);
  }

  following(userId: string, page: PageRequest): Promise<Page<FollowView>> {
    return this.list('follower_id', 'followee_id', userId, page);
  }

  private async list(
    owner: 'followee_id' | 'follower_id',
    listed: 'followee_id' | 'follower_id',
    userId: string,
    page: PageRequest,
  ): Promise<Page<FollowView>> {
    // `created_at <= t` bounds the index range; the OR settles ties on the listed user's id.
    const after = page.after
      ? `and f.created_at <= ?::timestamptz and (f.created_at < ?::timestamptz or f.${listed} > ?::uuid)`
      : '';
    const at = page.after?.createdAt;
    const rows = await scopedEntityManager(this.em).execute<FollowRow[]>(
      `select f.created_at, u.id, u.handle, u.display_name, u.avatar_id
         from follows f join users u on u.id = f.${listed}
        where f.${owner} = ? ${after}
        order by f.created_at desc, f.${listed} asc
        limit ?`,
      [userId, ...(page.after ? [at, at, page.after.id] : []), page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map((row): FollowView => ({
      user: { id: row.id, handle: row.handle, displayName: row.display_name, avatarId: row.avatar_id },
      followedAt: timestampOf(row.created_at),
    }));
    const last = items.at(-1);
    return {
      items,
      next: rows.length > page.limit && last ? { createdAt: last.followedAt, id: last.user.id } : null,
    };
  }
}
