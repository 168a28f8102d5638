import { afterAll, beforeAll, describe } from '@jest/globals';
import { eventBusContract } from '../../../contracts/event-bus.contract.ts';
import { databaseKinds, type OpenedTestDatabase } from '../../../support/databases.ts';
import { embeddedBackbone } from '../../../support/event-backbone.ts';

for (const [kind, open] of databaseKinds) {
  describe(kind, () => {
    let db: OpenedTestDatabase;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(() => db.close());

    eventBusContract(`embedded bus on ${kind}`, (options) => embeddedBackbone(db, options));
  });
}
