import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Page, PageRequest } from '#application/social/page.ts';
import type { PostView, PostViews } from '#application/social/social.views.ts';
import { scopedEntityManager } from '../entity-manager.ts';
import { timestampOf } from './sql-values.ts';

interface PostRow {
  id: string;
  text: string;
  created_at: unknown;
  like_count: number | string;
  author_id: string;
  handle: string;
  display_name: string;
  avatar_id: string | null;
  liked_by_me: boolean;
}

// `liked_by_me` is a primary-key probe of likes (user_id, post_id) per post shown.
const SELECT = `
  select p.id, p.text, p.created_at, p.like_count,
         u.id as author_id, u.handle, u.display_name, u.avatar_id,
         exists (select 1 from likes l where l.user_id = ? and l.post_id = p.id) as liked_by_me
    from posts p join users u on u.id = p.author_id`;

export class PostgresPostViews implements PostViews {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async byId(postId: string, viewerId: string): Promise<PostView | null> {
    const rows = await scopedEntityManager(this.em).execute<PostRow[]>(`${SELECT} where p.id = ?`, [
      viewerId,
      postId,
    ]);
    return rows[0] ? toView(rows[0]) : null;
  }

  async byAuthor(authorId: string, viewerId: string, page: PageRequest): Promise<Page<PostView>> {
    // Keyset on the index (author_id, created_at desc, id desc): a range scan, never an offset.
    const after = page.after ? 'and (p.created_at, p.id) < (?::timestamptz, ?::uuid)' : '';
    const params = [
      viewerId,
      authorId,
      ...(page.after ? [page.after.createdAt, page.after.id] : []),
      page.limit + 1,
    ];
    const rows = await scopedEntityManager(this.em).execute<PostRow[]>(
      `${SELECT} where p.author_id = ? ${after} order by p.created_at desc, p.id desc limit ?`,
      params,
    );
    const items = rows.slice(0, page.limit).map(toView);
    const last = items.at(-1);
    return {
      items,
      next: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
    };
  }
}

function toView(row: PostRow): PostView {
  return {
    id: row.id,
    text: row.text,
    createdAt: timestampOf(row.created_at),
    author: { id: row.author_id, handle: row.handle, displayName: row.display_name, avatarId: row.avatar_id },
    likeCount: Number(row.like_count),
    likedByMe: row.liked_by_me,
  };
}
