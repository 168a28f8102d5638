import { TaskNotFound } from '#domain/tasks/task.errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { TaskRepository } from './task.repository.ts';

export interface DeleteTaskCommand {
  userId: string;
  taskId: string;
}

export interface DeleteTaskDeps {
  unitOfWork: UnitOfWork;
  tasks: TaskRepository;
}

export class DeleteTask {
  private readonly deps: DeleteTaskDeps;

  constructor(deps: DeleteTaskDeps) {
    this.deps = deps;
  }

  execute(command: DeleteTaskCommand): Promise<void> {
    return this.deps.unitOfWork.transaction(async () => {
      const task = await this.deps.tasks.ofId(command.taskId);
      if (!task?.isOwnedBy(command.userId)) throw new TaskNotFound(command.taskId);
      await this.deps.tasks.remove(task);
    });
  }
}
