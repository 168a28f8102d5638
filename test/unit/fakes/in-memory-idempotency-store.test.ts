import { idempotencyStoreContract } from '../../contracts/idempotency-store.contract.ts';
import { InMemoryIdempotencyStore } from '../../support/fakes/in-memory-idempotency-store.ts';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from '../../support/fakes/in-memory-user.repository.ts';

idempotencyStoreContract('in-memory fake', async () => {
  const unitOfWork = new InMemoryUnitOfWork();
  return {
    store: new InMemoryIdempotencyStore(unitOfWork),
    users: new InMemoryUserRepository(unitOfWork),
    unitOfWork,
    close: async () => {},
  };
});
