import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventBusContract } from '../../../contracts/event-bus.contract.ts';
import { databaseKinds, openPostgresForTest, type OpenedTestDatabase } from '../../../support/databases.ts';
import { embeddedBackbone, recordingHandler, testEvents, until } from '../../../support/event-backbone.ts';

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

describe('embedded bus on PostgreSQL, stopped before a handler finished', () => {
  let db: OpenedTestDatabase;
  beforeAll(async () => {
    db = await openPostgresForTest();
  });
  afterAll(() => db.close());

  it('gives the lease of the delivery back, so that it is claimed again at once, not after the lease', async () => {
    const bus = await embeddedBackbone(db, { retryDelaysMs: [60], consumers: ['alpha'] });
    let letGo!: () => void;
    const stuck = new Promise<void>((resolve) => (letGo = resolve));
    const alpha = recordingHandler(db, 'alpha', ['test.happened'], async () => {
      await stuck;
      throw new Error('cut off by the shutdown');
    });
    await bus.start([alpha]);
    const [id] = await bus.publish(testEvents(1));
    try {
      await until(
        async () => alpha.calls.size,
        (n) => n > 0,
      );
      const lease = () =>
        db.orm.em
          .fork()
          .execute<{ leased: boolean }[]>(
            'select locked_until > now() as leased from bus_deliveries where event_id = ?',
            [id],
          );
      expect(await lease()).toEqual([{ leased: true }]);

      expect(await bus.consumers.stop(200)).toBe(1);
      expect(await lease()).toEqual([{ leased: null }]);
    } finally {
      letGo();
      await bus.stop();
    }
  });
});
