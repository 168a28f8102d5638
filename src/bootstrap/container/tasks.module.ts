import { ContainerModule } from 'inversify';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import { tasksRouter } from '#adapters/http/tasks/tasks.router.ts';
import { PostgresTaskRepository } from '#adapters/postgres/tasks/postgres-task.repository.ts';
import { Clock } from '#application/shared/clock.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { IdGenerator } from '#application/shared/id-generator.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { CreateTask } from '#application/tasks/create-task.use-case.ts';
import { DeleteTask } from '#application/tasks/delete-task.use-case.ts';
import { ListTasks } from '#application/tasks/list-tasks.use-case.ts';
import { TaskRepository } from '#application/tasks/task.repository.ts';
import { UpdateTask } from '#application/tasks/update-task.use-case.ts';
import { bindUseCase } from './bind-use-case.ts';
import { Tokens } from './tokens.ts';

/** Personal TODO lists: /api/v1/tasks. */
export const tasksModule = () =>
  new ContainerModule(({ bind }) => {
    bind<TaskRepository>(TaskRepository).toResolvedValue(
      (em: SqlEntityManager) => new PostgresTaskRepository(em),
      [Tokens.EntityManager],
    );
    bindUseCase(
      bind,
      CreateTask,
      (u: UnitOfWork, t: TaskRepository, e: EventPublisher, i: IdGenerator, c: Clock) =>
        new CreateTask(u, t, e, i, c),
      [UnitOfWork, TaskRepository, EventPublisher, IdGenerator, Clock],
    );
    bindUseCase(bind, ListTasks, (t: TaskRepository) => new ListTasks(t), [TaskRepository]);
    bindUseCase(
      bind,
      UpdateTask,
      (u: UnitOfWork, t: TaskRepository, e: EventPublisher, c: Clock) => new UpdateTask(u, t, e, c),
      [UnitOfWork, TaskRepository, EventPublisher, Clock],
    );
    bindUseCase(bind, DeleteTask, (u: UnitOfWork, t: TaskRepository) => new DeleteTask(u, t), [
      UnitOfWork,
      TaskRepository,
    ]);
    bind<Router>(Tokens.ApiRouters).toResolvedValue(
      (
        createTask: CreateTask,
        listTasks: ListTasks,
        updateTask: UpdateTask,
        deleteTask: DeleteTask,
        requireUser: Middleware,
        idempotent: Middleware,
        docs: ApiDocs,
      ) => tasksRouter({ createTask, listTasks, updateTask, deleteTask, requireUser, idempotent, docs }),
      [CreateTask, ListTasks, UpdateTask, DeleteTask, Tokens.RequireUser, Tokens.Idempotent, Tokens.ApiDocs],
    );
  });
