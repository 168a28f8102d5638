import type { Task } from '#domain/tasks/task.entity.ts';
import type { TaskPosition, TaskRepository } from './task.repository.ts';

export interface ListTasksQuery {
  userId: string;
  done?: boolean | undefined;
  after?: TaskPosition | undefined;
  limit: number;
}

export interface TaskPage {
  items: Task[];
  /** Where the next page starts; null on the last page. */
  next: TaskPosition | null;
}

export interface ListTasksDeps {
  tasks: TaskRepository;
}

/** One page of the acting user's own tasks, newest first. */
export class ListTasks {
  private readonly deps: ListTasksDeps;

  constructor(deps: ListTasksDeps) {
    this.deps = deps;
  }

  async execute(query: ListTasksQuery): Promise<TaskPage> {
    // One more than asked tells whether another page exists without a count query.
    const found = await this.deps.tasks.list({ ...query, limit: query.limit + 1 });
    const items = found.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items,
      next: found.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
    };
  }
}
