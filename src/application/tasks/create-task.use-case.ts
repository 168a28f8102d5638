import { Task } from '#domain/tasks/task.entity.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { IdGenerator } from '../shared/id-generator.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { TaskRepository } from './task.repository.ts';

export interface CreateTaskCommand {
  userId: string;
  title: string;
}

export interface CreateTaskDeps {
  unitOfWork: UnitOfWork;
  tasks: TaskRepository;
  events: EventPublisher;
  ids: IdGenerator;
  clock: Clock;
}

export class CreateTask {
  private readonly deps: CreateTaskDeps;

  constructor(deps: CreateTaskDeps) {
    this.deps = deps;
  }

  async execute(command: CreateTaskCommand): Promise<Task> {
    const task = Task.create({
      id: this.deps.ids.next(),
      userId: command.userId,
      title: command.title,
      at: this.deps.clock.now(),
    });
    return this.deps.unitOfWork.transaction(async () => {
      await this.deps.tasks.add(task);
      await this.deps.events.publish(task.pullEvents());
      return task;
    });
  }
}
