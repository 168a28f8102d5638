import { z } from 'zod';
import type { Task } from '#domain/tasks/task.entity.ts';
import { TASK_TITLE_MAX } from '#domain/tasks/task.errors.ts';

/** Request and response shapes of /api/v1/tasks: validated with, and documented from, the same schemas. */

const title = z.string().meta({
  description: `1–${TASK_TITLE_MAX} characters after trimming, no control characters`,
  example: 'Water the plants',
});

export const TaskIdParams = z.object({ id: z.uuid() });

export const CreateTaskBody = z.object({ title }).strict();

export const UpdateTaskBody = z
  .object({
    title: title.optional(),
    done: z.boolean().optional().meta({ description: 'true sets done_at to now, false clears it' }),
  })
  .strict()
  .refine((body) => body.title !== undefined || body.done !== undefined, {
    error: 'give title, done or both',
  });

export const ListTasksQuery = z.object({
  done: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'Only done (true) or only open (false) tasks; all when absent' }),
  cursor: z.string().max(512).optional().meta({ description: 'next_cursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const TaskSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    done: z.boolean(),
    created_at: z.iso.datetime(),
    done_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Task' });

export const TaskPageSchema = z
  .object({ items: z.array(TaskSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'TaskPage' });

export function presentTask(task: Task): z.infer<typeof TaskSchema> {
  return {
    id: task.id,
    title: task.title,
    done: task.done,
    created_at: task.createdAt.toISOString(),
    done_at: task.doneAt ? task.doneAt.toISOString() : null,
  };
}
