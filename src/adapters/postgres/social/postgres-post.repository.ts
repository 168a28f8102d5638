import type { SqlEntityManager } from '@mikro-orm/sql';
import type { PostRepository } from '#application/social/post.repository.ts';
import { Post } from '#domain/social/post.entity.ts';
import { scopedEntityManager } from '../entity-manager.ts';
import { flushedTransaction } from './staged-writes.ts';

export class PostgresPostRepository implements PostRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(post: Post): Promise<void> {
    // One statement: the post and its author's count, at once (no flush round trip).
    await (
      await flushedTransaction(this.em)
    ).execute(
      `with inserted as (
         insert into posts (id, author_id, text, created_at, like_count) values (?, ?, ?, ?, 0)
         returning author_id
       )
       update users set posts_count = posts_count + 1 where id = (select author_id from inserted)`,
      [post.id, post.authorId, post.text, post.createdAt],
      'run',
    );
  }

  byId(id: string): Promise<Post | null> {
    // Never from the identity map: like_count changes under it through SQL.
    return scopedEntityManager(this.em).findOne(Post, { id }, { disableIdentityMap: true });
  }
}
