import { EntitySchema, type EntityCtor } from '@mikro-orm/core';
import { Task } from '#domain/tasks/task.entity.ts';

export const TaskSchema = new EntitySchema<Task>({
  // The domain keeps its constructor private; the ORM rehydrates without calling it.
  class: Task as unknown as EntityCtor<Task>,
  tableName: 'tasks',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid', fieldName: 'user_id' },
    title: { type: 'string', length: 200 },
    done: { type: 'boolean' },
    doneAt: { type: 'datetime', columnType: 'timestamptz(3)', nullable: true, fieldName: 'done_at' },
    createdAt: { type: 'datetime', columnType: 'timestamptz(3)', fieldName: 'created_at' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz(3)', fieldName: 'updated_at' },
  },
});
