import { AggregateRoot } from '../shared/aggregate-root.ts';
import { domainEvent } from '../shared/domain-event.ts';
import { InvalidTaskTitle, TASK_TITLE_MAX } from './task.errors.ts';

export interface CreateTask {
  id: string;
  userId: string;
  title: string;
  at: Date;
}

export interface TaskCreatedPayload {
  task_id: string;
  user_id: string;
}

export interface TaskCompletedPayload {
  task_id: string;
  user_id: string;
  done_at: string;
}

/** One item of a user's personal TODO list; only its owner ever sees or changes it. */
export class Task extends AggregateRoot {
  readonly id!: string;
  readonly userId!: string;
  readonly title!: string;
  readonly done!: boolean;
  /** When it was last completed; cleared when it is reopened. */
  readonly doneAt!: Date | null;
  readonly createdAt!: Date;
  readonly updatedAt!: Date;

  private constructor() {
    super();
  }

  static create(input: CreateTask): Task {
    const task = new Task();
    Object.assign(task, {
      id: input.id,
      userId: input.userId,
      title: normaliseTitle(input.title),
      done: false,
      doneAt: null,
      createdAt: input.at,
      updatedAt: input.at,
    });
    task.record(
      domainEvent<'task.created', TaskCreatedPayload>(
        'task.created',
        { task_id: task.id, user_id: task.userId },
        input.at,
      ),
    );
    return task;
  }

  isOwnedBy(userId: string): boolean {
    return this.userId === userId;
  }

  rename(title: string, at: Date): void {
    Object.assign(this, { title: normaliseTitle(title), updatedAt: at });
  }

  /** Completing a task that is already done changes nothing and announces nothing. */
  complete(at: Date): void {
    if (this.done) return;
    Object.assign(this, { done: true, doneAt: at, updatedAt: at });
    this.record(
      domainEvent<'task.completed', TaskCompletedPayload>(
        'task.completed',
        { task_id: this.id, user_id: this.userId, done_at: at.toISOString() },
        at,
      ),
    );
  }

  reopen(at: Date): void {
    if (!this.done) return;
    Object.assign(this, { done: false, doneAt: null, updatedAt: at });
  }
}

/** Counted in code points, as PostgreSQL's varchar(200) counts them. */
function normaliseTitle(raw: string): string {
  const value = raw.trim().normalize('NFC');
  const length = [...value].length;
  if (length === 0 || length > TASK_TITLE_MAX || /\p{Cc}/u.test(value)) throw new InvalidTaskTitle();
  return value;
}
