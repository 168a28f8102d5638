import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { userRepositoryContract } from '../../../../contracts/user-repository.contract.ts';
import { aUser } from '../../../../support/builders/user.builder.ts';
import {
  databaseKinds,
  openPostgresForTest,
  type OpenedTestDatabase,
} from '../../../../support/databases.ts';

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

describe('PostgresUserRepository.lockById on PostgreSQL', () => {
  let db: OpenedTestDatabase;
  let users: PostgresUserRepository;
  let unitOfWork: PostgresUnitOfWork;
  beforeAll(async () => {
    db = await openPostgresForTest();
    users = new PostgresUserRepository(db.orm.em);
    unitOfWork = new PostgresUnitOfWork(db.orm.em);
  });
  afterAll(() => db.close());

  it('holds a second unit of work locking the same user until the first ends', async () => {
    const user = aUser();
    await unitOfWork.transaction(() => users.add(user));
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstLocked!: () => void;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));

    const first = unitOfWork.transaction(async () => {
      await users.lockById(user.id);
      firstLocked();
      await firstHolds;
      order.push('first ends');
    });
    await locked;
    const second = unitOfWork.transaction(async () => {
      await users.lockById(user.id);
      order.push('second locked');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    order.push('first released');
    releaseFirst();
    await Promise.all([first, second]);

    expect(order).toEqual(['first released', 'first ends', 'second locked']);
  });
});
