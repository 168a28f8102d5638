import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from '../../support/fakes/in-memory-user.repository.ts';
import { userRepositoryContract } from '../../contracts/user-repository.contract.ts';

// The fake that use-case tests rely on must pass the same contract as the real adapters.
userRepositoryContract('in-memory fake', async () => {
  const unitOfWork = new InMemoryUnitOfWork();
  return { repository: new InMemoryUserRepository(unitOfWork), unitOfWork, close: async () => {} };
});
