import { describe, expect, it } from '@jest/globals';
import { CreateTask } from '#application/tasks/create-task.use-case.ts';
import { UpdateTask } from '#application/tasks/update-task.use-case.ts';
import { TaskNotFound } from '#domain/tasks/task.errors.ts';
import { OTHER, OWNER, taskPorts } from './tasks-sut.ts';

async function makeSut() {
  const ports = taskPorts();
  const task = await new CreateTask(ports).execute({
    userId: OWNER,
    title: 'Water the plants',
  });
  ports.events.published.length = 0;
  ports.clock.advance(60_000);
  return { ...ports, task, sut: new UpdateTask(ports) };
}

describe('UpdateTask', () => {
  it('completes a task: done_at is now, and task.completed is announced once', async () => {
    const { sut, task, events, clock } = await makeSut();
    const updated = await sut.execute({ userId: OWNER, taskId: task.id, done: true });
    await sut.execute({ userId: OWNER, taskId: task.id, done: true });
    expect(updated).toMatchObject({ done: true, doneAt: clock.now() });
    expect(events.types()).toEqual(['task.completed']);
  });

  it('reopens a task, clearing done_at', async () => {
    const { sut, task } = await makeSut();
    await sut.execute({ userId: OWNER, taskId: task.id, done: true });
    expect(await sut.execute({ userId: OWNER, taskId: task.id, done: false })).toMatchObject({
      done: false,
      doneAt: null,
    });
  });

  it('renames and completes in one request', async () => {
    const { sut, task } = await makeSut();
    expect(
      await sut.execute({ userId: OWNER, taskId: task.id, title: 'Feed the cat', done: true }),
    ).toMatchObject({
      title: 'Feed the cat',
      done: true,
    });
  });

  it("answers another user's task exactly like a missing one", async () => {
    const { sut, task, events } = await makeSut();
    const theirs = sut.execute({ userId: OTHER, taskId: task.id, done: true });
    await expect(theirs).rejects.toBeInstanceOf(TaskNotFound);
    await expect(theirs).rejects.toMatchObject({ code: 'task.not_found', kind: 'not_found' });
    await expect(
      sut.execute({ userId: OWNER, taskId: '00000000-0000-7000-8000-00000000dead', done: true }),
    ).rejects.toBeInstanceOf(TaskNotFound);
    expect(task.done).toBe(false);
    expect(events.published).toEqual([]);
  });
});
