import { describe, expect, it } from '@jest/globals';
import { CreateTask } from '#application/tasks/create-task.use-case.ts';
import { DeleteTask } from '#application/tasks/delete-task.use-case.ts';
import { TaskNotFound } from '#domain/tasks/task.errors.ts';
import { OTHER, OWNER, taskPorts } from './tasks-sut.ts';

async function makeSut() {
  const ports = taskPorts();
  const task = await new CreateTask(ports).execute({
    userId: OWNER,
    title: 'Water the plants',
  });
  return { ...ports, task, sut: new DeleteTask(ports) };
}

describe('DeleteTask', () => {
  it("deletes the owner's task", async () => {
    const { sut, task, tasks } = await makeSut();
    await sut.execute({ userId: OWNER, taskId: task.id });
    expect(tasks.tasks.has(task.id)).toBe(false);
  });

  it("refuses another user's task as not found and keeps it", async () => {
    const { sut, task, tasks } = await makeSut();
    await expect(sut.execute({ userId: OTHER, taskId: task.id })).rejects.toBeInstanceOf(TaskNotFound);
    expect(tasks.tasks.has(task.id)).toBe(true);
  });
});
