import type { TaskListQuery, TaskRepository } from '#application/tasks/task.repository.ts';
import type { Task } from '#domain/tasks/task.entity.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

const newestFirst = (a: Task, b: Task) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export class InMemoryTaskRepository implements TaskRepository {
  readonly tasks = new Map<string, Task>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async add(task: Task): Promise<void> {
    this.uow.staged(() => this.tasks.delete(task.id));
    this.tasks.set(task.id, task);
  }

  async ofId(id: string): Promise<Task | null> {
    return this.tasks.get(id) ?? null;
  }

  async remove(task: Task): Promise<void> {
    this.uow.staged(() => this.tasks.set(task.id, task));
    this.tasks.delete(task.id);
  }

  async list({ userId, done, after, limit }: TaskListQuery): Promise<Task[]> {
    return [...this.tasks.values()]
      .filter((t) => t.userId === userId && (done === undefined || t.done === done))
      .filter(
        (t) =>
          !after ||
          t.createdAt.getTime() < after.createdAt.getTime() ||
          (t.createdAt.getTime() === after.createdAt.getTime() && t.id < after.id),
      )
      .sort(newestFirst)
      .slice(0, limit);
  }
}
