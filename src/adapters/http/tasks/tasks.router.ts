import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { CreateTask } from '#application/tasks/create-task.use-case.ts';
import type { DeleteTask } from '#application/tasks/delete-task.use-case.ts';
import type { ListTasks } from '#application/tasks/list-tasks.use-case.ts';
import type { UpdateTask } from '#application/tasks/update-task.use-case.ts';
import { validate } from '../request-validation.ts';
import { decodeCursor, encodeCursor } from '../keyset-cursor.ts';
import type { ApiDocs } from '../openapi/api-docs.ts';
import { documentTasks } from './tasks.docs.ts';
import {
  CreateTaskBody,
  ListTasksQuery,
  presentTask,
  TaskIdParams,
  UpdateTaskBody,
} from './tasks.schemas.ts';

export interface TasksRouterDeps {
  createTask: CreateTask;
  listTasks: ListTasks;
  updateTask: UpdateTask;
  deleteTask: DeleteTask;
  requireUser: Middleware;
  /** `Idempotency-Key` support for the creating route. */
  idempotent: Middleware;
  docs: ApiDocs;
}

/** The acting user's own TODO list; the owner always comes from the access token. */
export function tasksRouter(d: TasksRouterDeps): Router {
  const router = new Router({ prefix: '/api/v1/tasks' });

  router.get('/', d.requireUser, async (ctx) => {
    const { done, cursor, limit } = validate(ListTasksQuery, ctx.query, 'query');
    const page = await d.listTasks.execute({
      userId: ctx.state.userId,
      done,
      after: decodeCursor(cursor) ?? undefined,
      limit,
    });
    ctx.body = { items: page.items.map(presentTask), next_cursor: encodeCursor(page.next) };
  });

  router.post('/', d.requireUser, d.idempotent, async (ctx) => {
    const { title } = validate(CreateTaskBody, ctx.request.body);
    const task = await d.createTask.execute({ userId: ctx.state.userId, title });
    ctx.status = 201;
    ctx.set('Location', `/api/v1/tasks/${task.id}`);
    ctx.body = presentTask(task);
  });

  router.patch('/:id', d.requireUser, async (ctx) => {
    const { id } = validate(TaskIdParams, ctx.params, 'path');
    const body = validate(UpdateTaskBody, ctx.request.body ?? {});
    const task = await d.updateTask.execute({ userId: ctx.state.userId, taskId: id, ...body });
    ctx.body = presentTask(task);
  });

  router.delete('/:id', d.requireUser, async (ctx) => {
    const { id } = validate(TaskIdParams, ctx.params, 'path');
    await d.deleteTask.execute({ userId: ctx.state.userId, taskId: id });
    ctx.status = 204;
  });

  documentTasks(d.docs);
  return router;
}
