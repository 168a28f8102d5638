import { afterAll, beforeAll } from '@jest/globals';
import { eventBusContract } from '../../../contracts/event-bus.contract.ts';
import { openPostgresForTest, type OpenedTestDatabase } from '../../../support/databases.ts';
import { rabbitMqBackbone } from '../../../support/event-backbone.ts';
import { services } from '../../../support/services.ts';

let db: OpenedTestDatabase;
beforeAll(async () => {
  db = await openPostgresForTest();
});
afterAll(() => db.close());

eventBusContract('RabbitMQ + PostgreSQL', (options) => rabbitMqBackbone(db, services.amqpUrl, options));
