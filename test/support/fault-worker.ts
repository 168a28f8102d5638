/**
 * A worker process for the "killed mid-message" fault test: consumes one consumer's queue
 * with a handler that records its effect and then dawdles inside its transaction, so a
 * SIGKILL lands while messages are in hand. Configured by environment variables.
 */
import 'reflect-metadata';
import { RequestContext } from '@mikro-orm/core';
import { Registry } from 'prom-client';
import { EventDispatcher } from '#adapters/messaging/event-dispatcher.ts';
import { openDatabase } from '#adapters/postgres/database.ts';
import { PostgresProcessedEvents } from '#adapters/postgres/messaging/postgres-processed-events.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { AmqpConnection } from '#adapters/rabbitmq/amqp-connection.ts';
import { RabbitMqEventConsumers } from '#adapters/rabbitmq/rabbitmq-event-consumers.ts';
import { RabbitMqTopology } from '#adapters/rabbitmq/rabbitmq-topology.ts';
import { createLogger } from '#adapters/telemetry/logger.ts';
import { HandleEventOnce } from '#application/messaging/handle-event-once.use-case.ts';
import { testCatalog } from './event-backbone.ts';

const env = process.env as Record<string, string>;
const logger = createLogger({ level: 'warn', service: 'fault-worker' });
const orm = await openDatabase({
  kind: 'postgres',
  url: env.DATABASE_URL!,
  poolMax: 20,
  statementTimeoutMs: 30_000,
});
const connection = await AmqpConnection.open(env.AMQP_URL!, logger);
const topology = new RabbitMqTopology({
  namespace: env.NAMESPACE!,
  retryDelaysMs: JSON.parse(env.RETRY_DELAYS_MS!),
  deliveryLimit: 10,
});
const dispatcher = new EventDispatcher(
  new HandleEventOnce(new PostgresUnitOfWork(orm.em), new PostgresProcessedEvents(orm.em)),
  testCatalog,
  logger,
  new Registry(),
  { retryDelaysMs: JSON.parse(env.RETRY_DELAYS_MS!), scope: (work) => RequestContext.create(orm.em, work) },
);
const consumers = new RabbitMqEventConsumers(connection, topology, dispatcher, logger, 16);
const dawdleMs = Number(env.DAWDLE_MS ?? '5');
await consumers.start([
  {
    consumer: env.CONSUMER!,
    eventTypes: ['test.happened'],
    async handle(event) {
      await orm.em.execute('insert into test_effects (consumer, event_id, n) values (?, ?, ?)', [
        env.CONSUMER!,
        event.eventId,
        (event.payload as { n: number }).n,
      ]);
      await new Promise((r) => setTimeout(r, dawdleMs));
    },
  },
]);
process.stdout.write('ready\n');
