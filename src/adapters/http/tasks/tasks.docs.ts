import { z } from 'zod';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import {
  CreateTaskBody,
  ListTasksQuery,
  TaskIdParams,
  TaskPageSchema,
  TaskSchema,
  UpdateTaskBody,
} from './tasks.schemas.ts';

const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});

const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .meta({
      description:
        'Makes the request safe to retry: the first response is replayed (Idempotent-Replayed: true); ' +
        'the same key with another body is 422, a retry while the first is running is 409.',
    }),
});

/** OpenAPI entries of /api/v1/tasks, from the schemas the router validates with. */
export function documentTasks(docs: ApiDocs): void {
  const tags = ['Tasks'];
  docs.route({
    method: 'get',
    operationId: 'listTasks',
    path: '/api/v1/tasks',
    tags,
    summary: 'Your tasks, newest first',
    request: { query: ListTasksQuery },
    responses: { 200: json('One page.', TaskPageSchema), 400: problems[400], 401: problems[401] },
  });
  docs.route({
    method: 'post',
    operationId: 'createTask',
    path: '/api/v1/tasks',
    tags,
    summary: 'Add a task',
    request: {
      headers: IdempotencyHeaders,
      body: { content: { 'application/json': { schema: CreateTaskBody } } },
    },
    responses: {
      201: json('The new task.', TaskSchema),
      400: problems[400],
      401: problems[401],
      409: problems[409],
      422: problems[422],
    },
  });
  docs.route({
    method: 'patch',
    operationId: 'updateTask',
    path: '/api/v1/tasks/{id}',
    tags,
    summary: 'Rename, complete or reopen one of your tasks',
    request: { params: TaskIdParams, body: { content: { 'application/json': { schema: UpdateTaskBody } } } },
    responses: {
      200: json('The task as it is now.', TaskSchema),
      400: problems[400],
      401: problems[401],
      404: problems[404],
    },
  });
  docs.route({
    method: 'delete',
    operationId: 'deleteTask',
    path: '/api/v1/tasks/{id}',
    tags,
    summary: 'Delete one of your tasks',
    request: { params: TaskIdParams },
    responses: {
      204: { description: 'Deleted.' },
      400: problems[400],
      401: problems[401],
      404: problems[404],
    },
  });
}
