import { TaskNotFound } from '#domain/tasks/task.errors.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { TaskRepository } from './task.repository.ts';

export interface DeleteTaskCommand {
  userId: string;
  taskId: string;
}

export class DeleteTask {
  private readonly unitOfWork: UnitOfWork;
  private readonly tasks: TaskRepository;

  constructor(unitOfWork: UnitOfWork, tasks: TaskRepository) {
    this.unitOfWork = unitOfWork;
    this.tasks = tasks;
  }

  execute(command: DeleteTaskCommand): Promise<void> {
    return this.unitOfWork.transaction(async () => {
      const task = await this.tasks.ofId(command.taskId);
      if (!task?.isOwnedBy(command.userId)) throw new TaskNotFound(command.taskId);
      await this.tasks.remove(task);
    });
  }
}
