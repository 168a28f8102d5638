import { externalIdentityRepositoryContract } from '../../contracts/external-identity-repository.contract.ts';
import { refreshTokenRepositoryContract } from '../../contracts/refresh-token-repository.contract.ts';
import { ssoHandoffRepositoryContract } from '../../contracts/sso-handoff-repository.contract.ts';
import { InMemoryExternalIdentityRepository } from '../../support/fakes/in-memory-external-identity.repository.ts';
import { InMemoryRefreshTokenRepository } from '../../support/fakes/in-memory-refresh-token.repository.ts';
import { InMemorySsoHandoffRepository } from '../../support/fakes/in-memory-sso-handoff.repository.ts';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from '../../support/fakes/in-memory-user.repository.ts';

// The fakes that use-case tests rely on must pass the same contracts as the real adapters.
const harness = async <R>(repository: (uow: InMemoryUnitOfWork) => R) => {
  const unitOfWork = new InMemoryUnitOfWork();
  return {
    repository: repository(unitOfWork),
    users: new InMemoryUserRepository(unitOfWork),
    unitOfWork,
    close: async () => {},
  };
};

refreshTokenRepositoryContract('in-memory fake', () =>
  harness((uow) => new InMemoryRefreshTokenRepository(uow)),
);
externalIdentityRepositoryContract('in-memory fake', () =>
  harness((uow) => new InMemoryExternalIdentityRepository(uow)),
);
ssoHandoffRepositoryContract('in-memory fake', () => harness((uow) => new InMemorySsoHandoffRepository(uow)));
