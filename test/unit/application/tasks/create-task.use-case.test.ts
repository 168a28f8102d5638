import { describe, expect, it } from '@jest/globals';
import { CreateTask } from '#application/tasks/create-task.use-case.ts';
import { InvalidTaskTitle } from '#domain/tasks/task.errors.ts';
import { OWNER, taskPorts } from './tasks-sut.ts';

function makeSut() {
  const ports = taskPorts();
  return {
    ...ports,
    sut: new CreateTask(ports),
  };
}

describe('CreateTask', () => {
  it('stores an open task for the user and announces task.created in the same transaction', async () => {
    const { sut, tasks, events, clock } = makeSut();
    const task = await sut.execute({ userId: OWNER, title: ' Water the plants ' });
    expect(task).toMatchObject({
      userId: OWNER,
      title: 'Water the plants',
      done: false,
      createdAt: clock.now(),
    });
    expect(tasks.tasks.get(task.id)).toBe(task);
    expect(events.published).toEqual([
      expect.objectContaining({ type: 'task.created', payload: { task_id: task.id, user_id: OWNER } }),
    ]);
  });

  it('rejects an invalid title and stores nothing', async () => {
    const { sut, tasks, events } = makeSut();
    await expect(sut.execute({ userId: OWNER, title: '' })).rejects.toBeInstanceOf(InvalidTaskTitle);
    expect(tasks.tasks.size).toBe(0);
    expect(events.published).toEqual([]);
  });
});
