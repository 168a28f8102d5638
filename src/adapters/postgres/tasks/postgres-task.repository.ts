import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { TaskListQuery, TaskRepository } from '#application/tasks/task.repository.ts';
import { Task } from '#domain/tasks/task.entity.ts';
import { scopedEntityManager, transactionalEntityManager } from '../entity-manager.ts';

export class PostgresTaskRepository implements TaskRepository {
  private readonly em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.em = em;
  }

  async add(task: Task): Promise<void> {
    transactionalEntityManager(this.em).persist(task);
  }

  ofId(id: string): Promise<Task | null> {
    return scopedEntityManager(this.em).findOne(Task, { id });
  }

  async remove(task: Task): Promise<void> {
    transactionalEntityManager(this.em).remove(task);
  }

  list({ userId, done, after, limit }: TaskListQuery): Promise<Task[]> {
    // Keyset on (user_id[, done], created_at desc, id desc): a range scan of one index, never an offset.
    const where: FilterQuery<Task> = { userId, ...(done === undefined ? {} : { done }) };
    if (after) {
      Object.assign(where, {
        $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }],
      });
    }
    return scopedEntityManager(this.em).find(Task, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit,
    });
  }
}
