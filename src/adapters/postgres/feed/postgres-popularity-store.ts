import type { SqlEntityManager } from '@mikro-orm/sql';
import type { PopularityStanding, PopularityStore } from '#application/feed/popularity-store.ts';
import type { PopularPosition, PopularPost } from '#domain/feed/popularity.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';
import { timestampOf } from '../social/sql-values.ts';

interface PopularityRow {
  post_id: string;
  author_id: string;
  created_at: unknown;
  like_count: number | string;
  score: number | string | null;
}

/**
 * Like counts move by ±1 per event (exactly once, commutative: events may arrive in any
 * order and still add up). The upsert locks the post's row until commit, which is what
 * orders concurrent changes of one post.
 */
export class PostgresPopularityStore implements PopularityStore {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async apply(
    postId: string,
    delta: 1 | -1,
    score: (likeCount: number, createdAt: Date) => number | null,
  ): Promise<PopularityStanding | null> {
    const em = transactionalEntityManager(this.em);
    const [row] = await em.execute<PopularityRow[]>(
      `insert into post_popularity (post_id, author_id, created_at, like_count)
       select id, author_id, created_at, ? from posts where id = ?
       on conflict (post_id) do update set like_count = post_popularity.like_count + excluded.like_count
       returning post_id, author_id, created_at, like_count, score`,
      [delta, postId],
    );
    if (!row) return null;
    const likeCount = Number(row.like_count);
    const standing = { ...toPost(row), likeCount, score: score(likeCount, timestampOf(row.created_at)) };
    await em.execute('update post_popularity set score = ? where post_id = ?', [standing.score, postId]);
    return standing;
  }

  async top(since: Date, after: PopularPosition | null, limit: number): Promise<PopularPost[]> {
    const rows = await scopedEntityManager(this.em).execute<PopularityRow[]>(
      `select post_id, author_id, created_at, like_count, score from post_popularity
        where score is not null and created_at >= ?
          ${after ? 'and (score, post_id) < (?::float8, ?::uuid)' : ''}
        order by score desc, post_id desc
        limit ?`,
      [since, ...(after ? [after.score, after.id] : []), limit],
    );
    return rows.map((r) => ({ ...toPost(r), score: Number(r.score) }));
  }
}

function toPost(row: PopularityRow): Omit<PopularPost, 'score'> {
  return {
    postId: row.post_id,
    authorId: row.author_id,
    createdAt: timestampOf(row.created_at),
  };
}
