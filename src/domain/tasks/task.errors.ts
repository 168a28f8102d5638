import { DomainError } from '../shared/domain-error.ts';

export const TASK_TITLE_MAX = 200;

export class InvalidTaskTitle extends DomainError {
  constructor() {
    super(
      'task.title_invalid',
      'invalid',
      `A task title is 1–${TASK_TITLE_MAX} characters, without control characters.`,
      { min_length: 1, max_length: TASK_TITLE_MAX },
    );
  }
}

/** Also what another user's task looks like: its existence is not revealed. */
export class TaskNotFound extends DomainError {
  constructor(id: string) {
    super('task.not_found', 'not_found', `No task with id ${id}.`, { task_id: id });
  }
}
