import { describe, expect, it } from '@jest/globals';
import { Task } from '#domain/tasks/task.entity.ts';
import { InvalidTaskTitle } from '#domain/tasks/task.errors.ts';

const at = new Date('2026-11-22T09:00:00.000Z');
const later = new Date('2026-11-22T10:00:00.000Z');
const create = (title = 'Water the plants') =>
  Task.create({
    id: '00000000-0000-7000-8000-000000000001',
    userId: '00000000-0000-7000-8000-0000000000aa',
    title,
    at,
  });

describe('Task', () => {
  it('is created open, trimmed, and announces task.created', () => {
    const task = create('  Water the plants  ');
    expect(task).toMatchObject({ title: 'Water the plants', done: false, doneAt: null, createdAt: at });
    expect(task.pullEvents()).toEqual([
      expect.objectContaining({
        type: 'task.created',
        occurredAt: at,
        payload: { task_id: task.id, user_id: task.userId },
      }),
    ]);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['201 characters', 'x'.repeat(201)],
    ['a control character', 'line\u0007bell'],
    ['a newline', 'two\nlines'],
  ])('refuses a title that is %s', (_case, title) => {
    expect(() => create(title)).toThrow(InvalidTaskTitle);
  });

  it('accepts 200 characters counted as code points, emoji included', () => {
    expect(create('😀'.repeat(200)).title).toHaveLength(400);
    expect(() => create('😀'.repeat(201))).toThrow(InvalidTaskTitle);
  });

  it('stamps done_at on completion and announces task.completed once', () => {
    const task = create();
    task.pullEvents();
    task.complete(later);
    task.complete(new Date('2026-11-22T11:00:00.000Z'));
    expect(task).toMatchObject({ done: true, doneAt: later, updatedAt: later });
    expect(task.pullEvents()).toEqual([
      expect.objectContaining({
        type: 'task.completed',
        payload: { task_id: task.id, user_id: task.userId, done_at: later.toISOString() },
      }),
    ]);
  });

  it('clears done_at when reopened, announcing nothing', () => {
    const task = create();
    task.complete(later);
    task.pullEvents();
    task.reopen(later);
    expect(task).toMatchObject({ done: false, doneAt: null });
    expect(task.pullEvents()).toEqual([]);
  });

  it('is renamed under the same rules', () => {
    const task = create();
    task.rename(' Feed the cat ', later);
    expect(task).toMatchObject({ title: 'Feed the cat', updatedAt: later });
    expect(() => task.rename('', later)).toThrow(InvalidTaskTitle);
  });

  it('belongs to its owner only', () => {
    const task = create();
    expect(task.isOwnedBy(task.userId)).toBe(true);
    expect(task.isOwnedBy('00000000-0000-7000-8000-0000000000bb')).toBe(false);
  });
});
