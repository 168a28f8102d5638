import { describe, expect, it } from '@jest/globals';
import { CreateTask } from '#application/tasks/create-task.use-case.ts';
import { ListTasks } from '#application/tasks/list-tasks.use-case.ts';
import { OTHER, OWNER, taskPorts } from './tasks-sut.ts';

async function makeSut(count: number) {
  const ports = taskPorts();
  const create = new CreateTask(ports);
  for (let i = 0; i < count; i++) {
    await create.execute({ userId: OWNER, title: `task ${i}` });
    ports.clock.advance(1_000);
  }
  await create.execute({ userId: OTHER, title: 'not yours' });
  return { ...ports, sut: new ListTasks(ports) };
}

describe('ListTasks', () => {
  it('pages through the owner’s tasks newest first, with a next position until the last page', async () => {
    const { sut } = await makeSut(5);
    const first = await sut.execute({ userId: OWNER, limit: 2 });
    expect(first.items.map((t) => t.title)).toEqual(['task 4', 'task 3']);
    const second = await sut.execute({ userId: OWNER, limit: 2, after: first.next! });
    const third = await sut.execute({ userId: OWNER, limit: 2, after: second.next! });
    expect(second.items.map((t) => t.title)).toEqual(['task 2', 'task 1']);
    expect(third.items.map((t) => t.title)).toEqual(['task 0']);
    expect(third.next).toBeNull();
  });

  it('has no next page when the last page is exactly full', async () => {
    const { sut } = await makeSut(2);
    expect((await sut.execute({ userId: OWNER, limit: 2 })).next).toBeNull();
  });
});
