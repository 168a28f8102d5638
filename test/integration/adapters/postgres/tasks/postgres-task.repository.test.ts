import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresTaskRepository } from '#adapters/postgres/tasks/postgres-task.repository.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { taskRepositoryContract } from '../../../../contracts/task-repository.contract.ts';
import { aUser } from '../../../../support/builders/user.builder.ts';
import { databaseKinds } from '../../../../support/databases.ts';

for (const [kind, open] of databaseKinds) {
  taskRepositoryContract(`PostgresTaskRepository on ${kind}`, async () => {
    const db = await open();
    const unitOfWork = new PostgresUnitOfWork(db.orm.em);
    const users = new PostgresUserRepository(db.orm.em);
    return {
      repository: new PostgresTaskRepository(db.orm.em),
      unitOfWork,
      async givenUser() {
        const user = aUser();
        await unitOfWork.transaction(() => users.add(user));
        return user.id;
      },
      close: db.close,
    };
  });
}
