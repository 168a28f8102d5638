import { processedEventsContract } from '../../contracts/processed-events.contract.ts';
import { InMemoryProcessedEvents } from '../../support/fakes/in-memory-processed-events.ts';
import { InMemoryUnitOfWork } from '../../support/fakes/in-memory-unit-of-work.ts';

processedEventsContract('in-memory fake', async () => {
  const unitOfWork = new InMemoryUnitOfWork();
  return { processed: new InMemoryProcessedEvents(unitOfWork), unitOfWork, close: async () => {} };
});
