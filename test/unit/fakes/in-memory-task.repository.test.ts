import { randomUUID } from 'node:crypto';
import { taskRepositoryContract } from '../../contracts/task-repository.contract.ts';
import { InMemoryTaskRepository } from '../../support/fakes/in-memory-task.repository.ts';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.ts';

// The fake that use-case tests rely on must pass the same contract as the real adapters.
taskRepositoryContract('in-memory fake', async () => {
  const unitOfWork = new InMemoryUnitOfWork();
  return {
    repository: new InMemoryTaskRepository(unitOfWork),
    unitOfWork,
    givenUser: async () => randomUUID(),
    close: async () => {},
  };
});
