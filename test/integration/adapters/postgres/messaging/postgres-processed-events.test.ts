import { PostgresProcessedEvents } from '#adapters/postgres/messaging/postgres-processed-events.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { processedEventsContract } from '../../../../contracts/processed-events.contract.ts';
import { databaseKinds } from '../../../../support/databases.ts';

for (const [kind, open] of databaseKinds) {
  processedEventsContract(`PostgresProcessedEvents on ${kind}`, async () => {
    const db = await open();
    return {
      processed: new PostgresProcessedEvents(db.orm.em),
      unitOfWork: new PostgresUnitOfWork(db.orm.em),
      close: db.close,
    };
  });
}
