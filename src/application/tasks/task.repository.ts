import type { Task } from '#domain/tasks/task.entity.ts';
import { token } from '../shared/token.ts';

/** Where a task sits in its owner's list, newest first: the keyset a page continues after. */
export interface TaskPosition {
  createdAt: Date;
  id: string;
}

export interface TaskListQuery {
  userId: string;
  /** Only done (true) or only open (false) tasks; all when absent. */
  done?: boolean | undefined;
  after?: TaskPosition | undefined;
  limit: number;
}

/**
 * Users' TODO items. Changes to a task read inside a unit of work are saved when it
 * commits; `add` and `remove` stage inserts and deletes in it.
 */
export interface TaskRepository {
  add(task: Task): Promise<void>;
  ofId(id: string): Promise<Task | null>;
  remove(task: Task): Promise<void>;
  /** A user's tasks, newest first (by creation time, then id), after the given position. */
  list(query: TaskListQuery): Promise<Task[]>;
}
export const TaskRepository = token<TaskRepository>('TaskRepository');
