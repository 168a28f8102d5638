import { ContainerModule } from 'inversify';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { tasksRouter, type TasksRouterDeps } from '#adapters/http/tasks/tasks.router.ts';
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
import { Tokens } from './tokens.ts';
import { bindFactory, bindUseCase } from './wiring.ts';

/** Personal TODO lists: /api/v1/tasks. Typed wiring: a wrong or missing token does not compile. */
export const tasksModule = () =>
  new ContainerModule(({ bind }) => {
    const { Metrics } = Tokens;
    bindFactory(bind, TaskRepository, ({ em }: { em: SqlEntityManager }) => new PostgresTaskRepository(em), {
      em: Tokens.EntityManager,
    });
    const writes = { unitOfWork: UnitOfWork, tasks: TaskRepository };
    bindUseCase(
      bind,
      CreateTask,
      { ...writes, events: EventPublisher, ids: IdGenerator, clock: Clock },
      Metrics,
    );
    bindUseCase(bind, ListTasks, { tasks: TaskRepository }, Metrics);
    bindUseCase(bind, UpdateTask, { ...writes, events: EventPublisher, clock: Clock }, Metrics);
    bindUseCase(bind, DeleteTask, writes, Metrics);
    bindFactory(bind, Tokens.ApiRouters, (deps: TasksRouterDeps) => tasksRouter(deps), {
      createTask: CreateTask,
      listTasks: ListTasks,
      updateTask: UpdateTask,
      deleteTask: DeleteTask,
      requireUser: Tokens.RequireUser,
      idempotent: Tokens.Idempotent,
      docs: Tokens.ApiDocs,
    });
  });
