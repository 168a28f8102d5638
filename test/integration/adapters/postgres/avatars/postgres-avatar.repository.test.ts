import { PostgresAvatarRepository } from '#adapters/postgres/avatars/postgres-avatar.repository.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { avatarRepositoryContract } from '../../../../contracts/avatar-repository.contract.ts';
import { aUser } from '../../../../support/builders/user.builder.ts';
import { databaseKinds } from '../../../../support/databases.ts';

for (const [kind, open] of databaseKinds) {
  avatarRepositoryContract(`PostgresAvatarRepository on ${kind}`, async () => {
    const db = await open();
    const unitOfWork = new PostgresUnitOfWork(db.orm.em);
    const users = new PostgresUserRepository(db.orm.em);
    return {
      repository: new PostgresAvatarRepository(db.orm.em),
      unitOfWork,
      async newUserId() {
        const user = aUser();
        await unitOfWork.transaction(() => users.add(user));
        return user.id;
      },
      close: db.close,
    };
  });
}
