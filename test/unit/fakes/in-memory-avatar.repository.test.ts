import { randomUUID } from 'node:crypto';
import { avatarRepositoryContract } from '../../contracts/avatar-repository.contract.ts';
import { InMemoryAvatarRepository } from '../../support/fakes/in-memory-avatar.repository.ts';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.ts';

avatarRepositoryContract('InMemoryAvatarRepository (the use-case tests’ fake)', async () => {
  const unitOfWork = new InMemoryUnitOfWork();
  return {
    repository: new InMemoryAvatarRepository(unitOfWork),
    unitOfWork,
    newUserId: async () => randomUUID(),
    close: async () => {},
  };
});
