import { PostgresExternalIdentityRepository } from '#adapters/postgres/identity/postgres-external-identity.repository.ts';
import { PostgresRefreshTokenRepository } from '#adapters/postgres/identity/postgres-refresh-token.repository.ts';
import { PostgresSsoHandoffRepository } from '#adapters/postgres/identity/postgres-sso-handoff.repository.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { externalIdentityRepositoryContract } from '../../../../contracts/external-identity-repository.contract.ts';
import { refreshTokenRepositoryContract } from '../../../../contracts/refresh-token-repository.contract.ts';
import { ssoHandoffRepositoryContract } from '../../../../contracts/sso-handoff-repository.contract.ts';
import { databaseKinds } from '../../../../support/databases.ts';

for (const [kind, open] of databaseKinds) {
  const harness = async <R>(repository: (em: never) => R) => {
    const db = await open();
    return {
      repository: repository(db.orm.em as never),
      users: new PostgresUserRepository(db.orm.em),
      unitOfWork: new PostgresUnitOfWork(db.orm.em),
      close: db.close,
    };
  };
  refreshTokenRepositoryContract(`PostgresRefreshTokenRepository on ${kind}`, () =>
    harness((em) => new PostgresRefreshTokenRepository(em)),
  );
  externalIdentityRepositoryContract(`PostgresExternalIdentityRepository on ${kind}`, () =>
    harness((em) => new PostgresExternalIdentityRepository(em)),
  );
  ssoHandoffRepositoryContract(`PostgresSsoHandoffRepository on ${kind}`, () =>
    harness((em) => new PostgresSsoHandoffRepository(em)),
  );
}
