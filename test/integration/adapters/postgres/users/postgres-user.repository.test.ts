import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { userRepositoryContract } from '../../../../contracts/user-repository.contract.ts';
import { databaseKinds } from '../../../../support/databases.ts';

for (const [kind, open] of databaseKinds) {
  userRepositoryContract(`PostgresUserRepository on ${kind}`, async () => {
    const db = await open();
    return {
      repository: new PostgresUserRepository(db.orm.em),
      unitOfWork: new PostgresUnitOfWork(db.orm.em),
      close: db.close,
    };
  });
}
