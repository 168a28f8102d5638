import { PostgresIdempotencyStore } from '#adapters/postgres/idempotency/postgres-idempotency-store.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { idempotencyStoreContract } from '../../../../contracts/idempotency-store.contract.ts';
import { databaseKinds } from '../../../../support/databases.ts';

for (const [kind, open] of databaseKinds) {
  idempotencyStoreContract(`PostgresIdempotencyStore on ${kind}`, async () => {
    const db = await open();
    return {
      store: new PostgresIdempotencyStore(db.orm.em),
      users: new PostgresUserRepository(db.orm.em),
      unitOfWork: new PostgresUnitOfWork(db.orm.em),
      close: db.close,
    };
  });
}
