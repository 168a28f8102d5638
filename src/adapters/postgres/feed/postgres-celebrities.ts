import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Celebrities } from '#application/feed/celebrities.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

export class PostgresCelebrities implements Celebrities {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async standing(authorId: string): Promise<{ celebrity: boolean; followers: number }> {
    const [row] = await scopedEntityManager(this.em).execute<
      { followers: number | string; celebrity: boolean }[]
    >(
      `select u.followers_count as followers,
              exists (select 1 from feed_celebrities c where c.author_id = u.id) as celebrity
         from users u where u.id = ?`,
      [authorId],
    );
    return { celebrity: row?.celebrity ?? false, followers: Number(row?.followers ?? 0) };
  }

  async promote(authorId: string, at: Date): Promise<boolean> {
    const rows = await transactionalEntityManager(this.em).execute(
      'insert into feed_celebrities (author_id, promoted_at) values (?, ?) on conflict do nothing returning author_id',
      [authorId, at],
    );
    return rows.length === 1;
  }
}
