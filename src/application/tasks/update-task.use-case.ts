import type { Task } from '#domain/tasks/task.entity.ts';
import { TaskNotFound } from '#domain/tasks/task.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { TaskRepository } from './task.repository.ts';

export interface UpdateTaskCommand {
  userId: string;
  taskId: string;
  title?: string | undefined;
  /** true completes the task (stamping done_at), false reopens it (clearing done_at). */
  done?: boolean | undefined;
}

export interface UpdateTaskDeps {
  unitOfWork: UnitOfWork;
  tasks: TaskRepository;
  events: EventPublisher;
  clock: Clock;
}

export class UpdateTask {
  private readonly deps: UpdateTaskDeps;

  constructor(deps: UpdateTaskDeps) {
    this.deps = deps;
  }

  execute(command: UpdateTaskCommand): Promise<Task> {
    return this.deps.unitOfWork.transaction(async () => {
      const task = await this.deps.tasks.ofId(command.taskId);
      // Someone else's task answers exactly like a missing one.
      if (!task?.isOwnedBy(command.userId)) throw new TaskNotFound(command.taskId);
      const at = this.deps.clock.now();
      if (command.title !== undefined) task.rename(command.title, at);
      if (command.done === true) task.complete(at);
      if (command.done === false) task.reopen(at);
      await this.deps.events.publish(task.pullEvents());
      return task;
    });
  }
}
