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

export class CreateTask {
  private readonly unitOfWork: UnitOfWork;
  private readonly tasks: TaskRepository;
  private readonly events: EventPublisher;
  private readonly ids: IdGenerator;
  private readonly clock: Clock;

  constructor(
    unitOfWork: UnitOfWork,
    tasks: TaskRepository,
    events: EventPublisher,
    ids: IdGenerator,
    clock: Clock,
  ) {
    this.unitOfWork = unitOfWork;
    this.tasks = tasks;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
  }

  async execute(command: CreateTaskCommand): Promise<Task> {
    const task = Task.create({
      id: this.ids.next(),
      userId: command.userId,
      title: command.title,
      at: this.clock.now(),
    });
    return this.unitOfWork.transaction(async () => {
      await this.tasks.add(task);
      await this.events.publish(task.pullEvents());
      return task;
    });
  }
}
