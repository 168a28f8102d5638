import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { TaskRepository } from '#application/tasks/task.repository.ts';
import { Task } from '#domain/tasks/task.entity.ts';

export interface TaskRepositoryHarness {
  repository: TaskRepository;
  unitOfWork: UnitOfWork;
  /** A user that may own tasks (a row in users for the SQL stores). */
  givenUser(): Promise<string>;
  close(): Promise<void>;
}

const T0 = Date.parse('2026-11-22T09:00:00.000Z');
const aTask = (userId: string, ms = 0, title = 'Water the plants') =>
  Task.create({ id: randomUUID(), userId, title, at: new Date(T0 + ms) });

/** What every TaskRepository must do, whatever stores it. */
export function taskRepositoryContract(adapter: string, open: () => Promise<TaskRepositoryHarness>): void {
  describe(`TaskRepository contract: ${adapter}`, () => {
    let h: TaskRepositoryHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());
    const store = (...tasks: Task[]) =>
      h.unitOfWork.transaction(async () => {
        for (const task of tasks) await h.repository.add(task);
      });

    it('finds a stored task by id with every field intact', async () => {
      const task = aTask(await h.givenUser(), 5, 'Écrire à Zoë 📝');
      await store(task);
      const found = await h.repository.ofId(task.id);
      expect(found).toMatchObject({
        id: task.id,
        userId: task.userId,
        title: 'Écrire à Zoë 📝',
        done: false,
        doneAt: null,
      });
      expect(found?.createdAt.toISOString()).toBe(task.createdAt.toISOString());
    });

    it('answers null for a task that does not exist', async () => {
      expect(await h.repository.ofId(randomUUID())).toBeNull();
    });

    it('saves what a unit of work changed on a task it read', async () => {
      const task = aTask(await h.givenUser());
      await store(task);
      const doneAt = new Date(T0 + 60_000);
      await h.unitOfWork.transaction(async () => {
        const loaded = (await h.repository.ofId(task.id))!;
        loaded.rename('Water the cactus', doneAt);
        loaded.complete(doneAt);
      });
      const found = await h.repository.ofId(task.id);
      expect(found).toMatchObject({ title: 'Water the cactus', done: true });
      expect(found?.doneAt?.toISOString()).toBe(doneAt.toISOString());
    });

    it('removes a task', async () => {
      const task = aTask(await h.givenUser());
      await store(task);
      await h.unitOfWork.transaction(async () => h.repository.remove((await h.repository.ofId(task.id))!));
      expect(await h.repository.ofId(task.id)).toBeNull();
    });

    it("lists only the owner's tasks, newest first, filtered by done", async () => {
      const [owner, other] = [await h.givenUser(), await h.givenUser()];
      const tasks = [aTask(owner, 1), aTask(owner, 2), aTask(owner, 3), aTask(other, 4)];
      tasks[1]!.complete(new Date(T0 + 10));
      await store(...tasks);
      const ids = async (done?: boolean) =>
        (await h.repository.list({ userId: owner, done, limit: 10 })).map((t) => t.id);
      expect(await ids()).toEqual([tasks[2]!.id, tasks[1]!.id, tasks[0]!.id]);
      expect(await ids(true)).toEqual([tasks[1]!.id]);
      expect(await ids(false)).toEqual([tasks[2]!.id, tasks[0]!.id]);
    });

    it('pages through every task exactly once, ties in time broken by id', async () => {
      const owner = await h.givenUser();
      const tasks = Array.from({ length: 23 }, (_, i) => aTask(owner, Math.floor(i / 4)));
      await store(...tasks);
      const seen: string[] = [];
      let after: { createdAt: Date; id: string } | undefined;
      for (;;) {
        const page = await h.repository.list({ userId: owner, after, limit: 5 });
        seen.push(...page.map((t) => t.id));
        if (page.length < 5) break;
        after = { createdAt: page.at(-1)!.createdAt, id: page.at(-1)!.id };
      }
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
      const expected = [...tasks]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((t) => t.id);
      expect(seen).toEqual(expected);
    });

    it('keeps nothing from a transaction that failed', async () => {
      const task = aTask(await h.givenUser());
      await expect(
        h.unitOfWork.transaction(async () => {
          await h.repository.add(task);
          throw new Error('boom after staging');
        }),
      ).rejects.toThrow('boom after staging');
      expect(await h.repository.ofId(task.id)).toBeNull();
    });

    it('refuses to stage a task outside a unit of work', async () => {
      await expect(h.repository.add(aTask(await h.givenUser()))).rejects.toThrow(
        /outside UnitOfWork.transaction/,
      );
    });
  });
}
