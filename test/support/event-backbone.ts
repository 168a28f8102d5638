import { randomUUID } from 'node:crypto';
import { RequestContext } from '@mikro-orm/core';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { EmbeddedDeadLetterStore } from '#adapters/embedded-bus/embedded-dead-letter-store.ts';
import { EmbeddedEventBus } from '#adapters/embedded-bus/embedded-event-bus.ts';
import { EmbeddedEventConsumers } from '#adapters/embedded-bus/embedded-event-consumers.ts';
import { EventCatalog } from '#adapters/messaging/event-catalog.ts';
import type { EventConsumers } from '#adapters/messaging/event-consumers.ts';
import { EventDispatcher } from '#adapters/messaging/event-dispatcher.ts';
import type { EventTransport } from '#adapters/messaging/event-transport.ts';
import { OutboxSignal } from '#adapters/messaging/outbox-signal.ts';
import { OutboxRelay } from '#adapters/postgres/messaging/outbox-relay.ts';
import { PostgresOutboxEventPublisher } from '#adapters/postgres/messaging/postgres-outbox-event-publisher.ts';
import { PostgresProcessedEvents } from '#adapters/postgres/messaging/postgres-processed-events.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { AmqpConnection } from '#adapters/rabbitmq/amqp-connection.ts';
import { RabbitMqDeadLetterStore } from '#adapters/rabbitmq/rabbitmq-dead-letter-store.ts';
import { RabbitMqEventConsumers } from '#adapters/rabbitmq/rabbitmq-event-consumers.ts';
import { RabbitMqEventTransport } from '#adapters/rabbitmq/rabbitmq-event-transport.ts';
import { RabbitMqTopology } from '#adapters/rabbitmq/rabbitmq-topology.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import type { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import type { EventHandler } from '#application/messaging/event-handler.ts';
import { HandleEventOnce } from '#application/messaging/handle-event-once.use-case.ts';
import { domainEvent, type DomainEvent, type EventEnvelope } from '#domain/shared/domain-event.ts';
import { captureLogger } from './capture-logger.ts';
import type { OpenedTestDatabase } from './databases.ts';

/** Event types the backbone tests publish (each carries a sequence number). */
export const testCatalog = new EventCatalog({
  'test.happened': z.object({ n: z.number().int() }),
  'test.other': z.object({ n: z.number().int() }),
});

export interface Backbone {
  kind: string;
  db: OpenedTestDatabase;
  relay: OutboxRelay;
  consumers: EventConsumers;
  deadLetters: DeadLetterStore;
  transport: EventTransport;
  metrics: Registry;
  logger: Logger;
  /** Every JSON log line the backbone wrote. */
  logs: Record<string, unknown>[];
  /** Commits events through the unit of work and the outbox, as a use case would. */
  publish(events: DomainEvent[]): Promise<string[]>;
  /** Puts raw bytes on one consumer's queue (malformed-message tests). */
  enqueueRaw(consumer: string, body: string): Promise<void>;
  start(handlers: EventHandler[]): Promise<void>;
  stop(): Promise<void>;
}

export interface BackboneOptions {
  retryDelaysMs: number[];
  /** RabbitMQ names prefix; a random one by default. */
  namespace?: string;
  prefetch?: number;
  consumers: string[];
  types?: Record<string, string[]>;
}

export function testEvents(count: number, type = 'test.happened', from = 0): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => domainEvent(type, { n: from + i }, new Date()));
}

/** A clean slate for each backbone: effects table created, earlier tests' rows gone. */
async function createEffectsTable(db: OpenedTestDatabase): Promise<void> {
  const em = db.orm.em.fork();
  await em.execute(
    'create table if not exists test_effects (consumer text not null, event_id uuid not null, n int not null, at timestamptz not null default clock_timestamp())',
  );
  await em.execute('truncate test_effects, processed_events, outbox, bus_deliveries');
}

function common(db: OpenedTestDatabase, options: BackboneOptions) {
  const { logger, lines: logs } = captureLogger('info');
  const metrics = new Registry();
  // As in production: a commit in this process wakes the relay (see messaging.module.ts).
  const signal = new OutboxSignal();
  const uow = new PostgresUnitOfWork(db.orm.em, () => signal.notify());
  const outbox = new PostgresOutboxEventPublisher(db.orm.em, new UuidV7IdGenerator());
  const dispatcher = new EventDispatcher(
    new HandleEventOnce(uow, new PostgresProcessedEvents(db.orm.em)),
    testCatalog,
    logger,
    metrics,
    { retryDelaysMs: options.retryDelaysMs, scope: (work) => RequestContext.create(db.orm.em, work) },
  );
  const publish = (events: DomainEvent[]) => uow.transaction(() => outbox.publish(events));
  return { logger, logs, metrics, uow, dispatcher, publish, signal };
}

export async function embeddedBackbone(db: OpenedTestDatabase, options: BackboneOptions): Promise<Backbone> {
  await createEffectsTable(db);
  const { logger, logs, metrics, dispatcher, publish, signal } = common(db, options);
  const subscriptions = new Map(options.consumers.map((c) => [c, options.types?.[c] ?? ['test.happened']]));
  const bus = new EmbeddedEventBus(db.orm.em, subscriptions);
  const relay = new OutboxRelay(db.orm.em, bus, logger, metrics, { pollIntervalMs: 50 });
  signal.subscribe(() => relay.wake());
  const consumers = new EmbeddedEventConsumers(db.orm.em, bus, dispatcher, logger, {
    prefetch: options.prefetch ?? 16,
    pollIntervalMs: 25,
    leaseMs: 60_000,
  });
  return {
    kind: 'embedded bus',
    db,
    relay,
    consumers,
    deadLetters: new EmbeddedDeadLetterStore(db.orm.em, options.consumers, () => bus.wakeConsumers()),
    transport: bus,
    metrics,
    logger,
    logs,
    publish,
    enqueueRaw: (consumer, body) => bus.enqueueRaw(consumer, randomUUID(), body),
    async start(handlers) {
      await consumers.start(handlers);
      relay.start();
    },
    async stop() {
      await consumers.stop();
      await relay.stop();
    },
  };
}

export async function rabbitMqBackbone(
  db: OpenedTestDatabase,
  amqpUrl: string,
  options: BackboneOptions,
): Promise<Backbone & { topology: RabbitMqTopology; connection: AmqpConnection }> {
  await createEffectsTable(db);
  const { logger, logs, metrics, dispatcher, publish, signal } = common(db, options);
  const topology = new RabbitMqTopology({
    namespace: options.namespace ?? `test-${randomUUID().slice(0, 8)}`,
    retryDelaysMs: options.retryDelaysMs,
    deliveryLimit: 10,
  });
  const connection = await AmqpConnection.open(amqpUrl, logger, { heartbeatSeconds: 5 });
  const transport = new RabbitMqEventTransport(connection, topology, 10_000);
  const relay = new OutboxRelay(db.orm.em, transport, logger, metrics, { pollIntervalMs: 50 });
  signal.subscribe(() => relay.wake());
  const consumers = new RabbitMqEventConsumers(
    connection,
    topology,
    dispatcher,
    logger,
    options.prefetch ?? 16,
  );
  return {
    kind: 'RabbitMQ',
    db,
    topology,
    connection,
    relay,
    consumers,
    deadLetters: new RabbitMqDeadLetterStore(connection, topology, options.consumers),
    transport,
    metrics,
    logger,
    logs,
    publish,
    async enqueueRaw(consumer, body) {
      const channel = await connection.createConfirmChannel();
      channel.sendToQueue(topology.queue(consumer), Buffer.from(body), {
        persistent: true,
        messageId: randomUUID(),
      });
      await channel.waitForConfirms();
      await channel.close();
    },
    async start(handlers) {
      await consumers.start(handlers);
      relay.start();
    },
    async stop() {
      await consumers.stop();
      await relay.stop();
      await transport.close();
      await deleteTopology(connection, topology, options);
      await connection.close();
    },
  };
}

async function deleteTopology(
  connection: AmqpConnection,
  topology: RabbitMqTopology,
  options: BackboneOptions,
) {
  const channel = await connection.createConfirmChannel();
  channel.on('error', () => {});
  for (const consumer of options.consumers) {
    await channel.deleteQueue(topology.queue(consumer)).catch(() => {});
    await channel.deleteQueue(topology.deadLetterQueue(consumer)).catch(() => {});
    for (const delay of options.retryDelaysMs)
      await channel.deleteQueue(topology.retryQueue(consumer, delay)).catch(() => {});
  }
  await channel.deleteExchange(topology.exchange).catch(() => {});
  await channel.deleteExchange(topology.deadLetterExchange).catch(() => {});
  await channel.close().catch(() => {});
}

/**
 * A handler that records its effect in `test_effects` inside its transaction (so the
 * effect commits exactly when the processed-event record does) and remembers when it was
 * called. `behaviour` may throw to simulate failures.
 */
export function recordingHandler(
  db: OpenedTestDatabase,
  consumer: string,
  eventTypes: string[] = ['test.happened'],
  behaviour: (event: EventEnvelope, call: number) => void | Promise<void> = () => {},
): EventHandler & { calls: Map<string, number[]> } {
  const calls = new Map<string, number[]>();
  return {
    consumer,
    eventTypes,
    calls,
    async handle(event) {
      const times = calls.get(event.eventId) ?? [];
      times.push(Date.now());
      calls.set(event.eventId, times);
      await db.orm.em.execute('insert into test_effects (consumer, event_id, n) values (?, ?, ?)', [
        consumer,
        event.eventId,
        (event.payload as { n: number }).n,
      ]);
      await behaviour(event, times.length);
    },
  };
}

/** How many times each event's effect was applied, per consumer. */
export async function effectCounts(db: OpenedTestDatabase, consumer: string): Promise<Map<string, number>> {
  const rows = await db.orm.em
    .fork()
    .execute<{ event_id: string; n: string | number }[]>(
      'select event_id, count(*) as n from test_effects where consumer = ? group by event_id',
      [consumer],
    );
  return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
}

/** Polls until `done` holds or the deadline passes; returns the last value. */
export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asserts every id was applied exactly once (and nothing else was), with a readable failure. */
export function exactlyOnce(ids: readonly string[], counts: Map<string, number>) {
  const expected = new Set(ids);
  const missing = ids.filter((id) => !counts.has(id));
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const unexpected = [...counts.keys()].filter((id) => !expected.has(id));
  return {
    missing: missing.length,
    duplicated: duplicated.length,
    unexpected: unexpected.length,
    applied: counts.size,
  };
}
