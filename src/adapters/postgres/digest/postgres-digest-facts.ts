import type { SqlEntityManager } from '@mikro-orm/sql';
import type { DigestFacts } from '#application/digest/digest-facts.ts';
import type { SocialActivity, TaskTally } from '#domain/digest/daily-digest.ts';
import { scopedEntityManager } from '../entity-manager.ts';
import { socialActivityOf } from './social-activity.query.ts';
import { uuidValues } from './sql-lists.ts';

/** A batch's figures in a few set-based queries over the tasks and social tables. */
export class PostgresDigestFacts implements DigestFacts {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async tasksOf(userIds: readonly string[], titleLimit: number): Promise<Map<string, TaskTally>> {
    const tallies = new Map<string, { total: number; done: number; undoneTitles: string[] }>();
    if (userIds.length === 0) return tallies;
    const em = scopedEntityManager(this.em);
    const counts = await em.execute<{ user_id: string; total: number | string; done: number | string }[]>(
      `select t.user_id, count(*) as total, count(*) filter (where t.done) as done
         from tasks t where t.user_id in (select id from ${uuidValues(userIds)} as v(id))
        group by t.user_id`,
      [...userIds],
    );
    for (const row of counts) {
      tallies.set(row.user_id, { total: Number(row.total), done: Number(row.done), undoneTitles: [] });
    }
    // The oldest open titles of each user: a bounded scan of tasks_user_id_done_idx per user.
    const titles = await em.execute<{ user_id: string; title: string }[]>(
      `select v.id as user_id, t.title from ${uuidValues(userIds)} as v(id)
       cross join lateral (
         select title, created_at, id from tasks
          where user_id = v.id and not done order by created_at, id limit ?
       ) t
       order by v.id, t.created_at, t.id`,
      [...userIds, titleLimit],
    );
    for (const row of titles) tallies.get(row.user_id)?.undoneTitles.push(row.title);
    return tallies;
  }

  activityOf(
    userIds: readonly string[],
    window: { from: Date; to: Date },
  ): Promise<Map<string, SocialActivity>> {
    if (userIds.length === 0) return Promise.resolve(new Map());
    return socialActivityOf(scopedEntityManager(this.em), userIds, window);
  }
}
