import type { SqlEntityManager } from '@mikro-orm/sql';
import type { FeedItemSource, PostCard } from '#application/feed/feed-item-source.ts';
import type { UserSummary } from '#application/social/social.views.ts';
import { scopedEntityManager } from '../entity-manager.ts';
import { timestampOf } from '../social/sql-values.ts';
import { uuidArray } from './feed-rows.ts';

interface PostRow {
  id: string;
  author_id: string;
  text: string;
  created_at: unknown;
  like_count: number | string;
  handle: string;
  display_name: string;
  avatar_id: string | null;
}

interface UserRow {
  id: string;
  handle: string;
  display_name: string;
  avatar_id: string | null;
}

/** Primary-key lookups and ranges only: posts by id (with their author), users by id, likes by (user, post). */
export class PostgresFeedItemSource implements FeedItemSource {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async posts(ids: readonly string[]): Promise<PostCard[]> {
    if (ids.length === 0) return [];
    const rows = await scopedEntityManager(this.em).execute<PostRow[]>(
      `select p.id, p.author_id, p.text, p.created_at, p.like_count, u.handle, u.display_name, u.avatar_id
         from posts p join users u on u.id = p.author_id
        where p.id = any(?::uuid[])`,
      [uuidArray(ids)],
    );
    return rows.map((r) => ({
      id: r.id,
      authorId: r.author_id,
      text: r.text,
      createdAt: timestampOf(r.created_at),
      likeCount: Number(r.like_count),
      author: summaryOf({ ...r, id: r.author_id }),
    }));
  }

  async authors(ids: readonly string[]): Promise<UserSummary[]> {
    if (ids.length === 0) return [];
    const rows = await scopedEntityManager(this.em).execute<UserRow[]>(
      'select id, handle, display_name, avatar_id from users where id = any(?::uuid[])',
      [uuidArray(ids)],
    );
    return rows.map(summaryOf);
  }

  async likedBy(viewerId: string, postIds: readonly string[]): Promise<Set<string>> {
    if (postIds.length === 0) return new Set();
    const rows = await scopedEntityManager(this.em).execute<{ post_id: string }[]>(
      'select post_id from likes where user_id = ? and post_id = any(?::uuid[])',
      [viewerId, uuidArray(postIds)],
    );
    return new Set(rows.map((r) => r.post_id));
  }

  async likesSince(viewerId: string, floor: string, limit: number): Promise<string[] | null> {
    // A range of the likes primary key (user_id, post_id): post ids are time-ordered.
    const rows = await scopedEntityManager(this.em).execute<{ post_id: string }[]>(
      'select post_id from likes where user_id = ? and post_id >= ? order by post_id limit ?',
      [viewerId, floor, limit + 1],
    );
    return rows.length > limit ? null : rows.map((r) => r.post_id);
  }
}

function summaryOf(r: UserRow): UserSummary {
  return { id: r.id, handle: r.handle, displayName: r.display_name, avatarId: r.avatar_id };
}
