import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Router from '@koa/router';
import { connect } from 'amqplib';
import { ContainerModule } from 'inversify';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { openDatabase, type Orm } from '#adapters/postgres/database.ts';
import { PostgresOutboxEventPublisher } from '#adapters/postgres/messaging/postgres-outbox-event-publisher.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { RabbitMqTopology } from '#adapters/rabbitmq/rabbitmq-topology.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery } from '#bootstrap/runtime.ts';
import { domainEvent } from '#domain/shared/domain-event.ts';
import { until } from '../../support/event-backbone.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { startRookeryProcess, type RookeryProcess } from '../../support/rookery-process.ts';
import { services } from '../../support/services.ts';
import { testConfig } from '../../support/test-config.ts';

function slowRouter(onStarted: () => void): Router {
  const router = new Router();
  router.get('/slow', async (ctx) => {
    onStarted();
    await new Promise((r) => setTimeout(r, 700));
    ctx.body = { finished: true };
  });
  return router;
}

const registered = () =>
  domainEvent('user.registered', { user_id: randomUUID(), handle: 'someone' }, new Date());

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new connections, then closes the pools', async () => {
    let started!: () => void;
    const requestStarted = new Promise<void>((r) => (started = r));
    const rookery = await startRookery(['api'], {
      config: testConfig({ DATA_DIR: '/tmp/rookery-e2e-shutdown' }),
      modules: [
        new ContainerModule(({ bind }) => void bind(Tokens.ApiRouters).toConstantValue(slowRouter(started))),
      ],
    });

    const inFlight = fetch(`${rookery.url}/slow`);
    await requestStarted;
    const stopped = rookery.stop();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await expect(fetch(`${rookery.url}/health`)).rejects.toThrow();
    await stopped;
    await expect(rookery.infra.orm.isConnected()).resolves.toBe(false);
  });
});

/**
 * `rookery worker` processes on PostgreSQL and RabbitMQ, stopped with SIGTERM while the
 * `activity` consumer is in the middle of a message. The test makes that handler wait by
 * holding, in a transaction of its own, the `processed_events` row the handler must insert:
 * the handler is really running (inside its transaction, on a pool connection) until the
 * test lets go.
 */
describe('a worker stopped by SIGTERM with a message in hand (PostgreSQL, RabbitMQ)', () => {
  let database: TestDatabase;
  let orm: Orm;
  let dataDir: string;
  const namespace = `e2e-stop-${randomUUID().slice(0, 8)}`;
  const workerConsumers = [
    'activity',
    'feed-fanout',
    'feed-follows',
    'feed-cache',
    'popular-posts',
    'avatar-processing',
    'avatar-storage-cleanup',
    'digest-mailer',
  ];
  const retryDelays = [1_000, 5_000];
  const queue = new RabbitMqTopology({ namespace, retryDelaysMs: retryDelays, deliveryLimit: 10 }).queue(
    'activity',
  );

  beforeAll(async () => {
    database = await createTestDatabase();
    orm = await openDatabase({ kind: 'postgres', url: database.url, poolMax: 2, statementTimeoutMs: 30_000 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-stop-'));
  });
  afterAll(async () => {
    await orm?.close();
    await deleteRabbitNamespace(services.amqpUrl, namespace, workerConsumers, retryDelays);
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const worker = (shutdownTimeoutMs: number) =>
    startRookeryProcess('worker', {
      DATABASE_URL: database.url,
      AMQP_URL: services.amqpUrl,
      AMQP_NAMESPACE: namespace,
      EVENT_RETRY_DELAYS_MS: retryDelays.join(','),
      SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
      DATA_DIR: dataDir,
    });
  const count = async (query: string, params: unknown[] = []) =>
    Number((await orm.em.fork().execute<{ n: string }[]>(query, params))[0]!.n);
  /** Commits a user.registered event to the outbox, as a use case would (no worker runs yet). */
  const publish = async () => {
    const [eventId] = await new PostgresUnitOfWork(orm.em).transaction(() =>
      new PostgresOutboxEventPublisher(orm.em, new UuidV7IdGenerator()).publish([registered()]),
    );
    return eventId!;
  };
  /** Takes the (activity, event) key first: the handler blocks on it until this lets go. */
  const holdHandler = async (eventId: string) => {
    const client = new pg.Client({ connectionString: database.url });
    client.on('error', () => {}); // dropped with the database if a test fails first
    await client.connect();
    await client.query('begin');
    await client.query("insert into processed_events (consumer, event_id) values ('activity', $1)", [
      eventId,
    ]);
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  };
  const handlersWaiting = () =>
    count(
      "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
  const applied = (eventId: string) =>
    count("select count(*) as n from processed_events where consumer = 'activity' and event_id = ?", [
      eventId,
    ]);
  const registrationsCounted = () =>
    count("select coalesce(sum(count), 0) as n from activity_hourly where event_type = 'user.registered'");
  const waitingInQueue = async () => {
    const broker = await connect(services.amqpUrl);
    try {
      return (await (await broker.createChannel()).checkQueue(queue)).messageCount;
    } finally {
      await broker.close();
    }
  };
  const messages = (rookery: RookeryProcess) => rookery.logs.map((l) => l.message);

  it('lets the message in flight finish, acknowledges it, and exits 0', async () => {
    const eventId = await publish();
    const release = await holdHandler(eventId);
    const rookery = await worker(10_000);
    await until(handlersWaiting, (n) => n > 0, 20_000);

    const exited = rookery.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    expect(rookery.child.exitCode).toBeNull(); // still draining
    await release();

    expect(await exited).toBe(0);
    expect(messages(rookery)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(await applied(eventId)).toBe(1);
    expect(await registrationsCounted()).toBe(1);
    expect(await waitingInQueue()).toBe(0);
  }, 60_000);

  it('cuts a handler that outlives the timeout, exits 0 in time, and the message is applied once afterwards', async () => {
    const timeoutMs = 1_000;
    const eventId = await publish();
    const release = await holdHandler(eventId);
    const first = await worker(timeoutMs);
    await until(handlersWaiting, (n) => n > 0, 20_000);

    const signalled = Date.now();
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(timeoutMs + 2_500);
    expect(first.logs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ abandoned: 1, message: expect.stringContaining('left unacknowledged') }),
      ]),
    );
    expect(messages(first)).toContain('stopped');
    expect(await waitingInQueue()).toBe(1); // back in the queue, not acknowledged
    await release();
    // Its transaction died with the process: letting go of the key commits nothing.
    await until(handlersWaiting, (n) => n === 0, 5_000);
    expect(await applied(eventId)).toBe(0);

    const second = await worker(10_000);
    try {
      expect(
        await until(
          () => applied(eventId),
          (n) => n > 0,
          20_000,
        ),
      ).toBe(1);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
    expect(await registrationsCounted()).toBe(2); // this one and the previous test's, once each
    expect(await waitingInQueue()).toBe(0);
  }, 60_000);
});

describe('the embedded bus stopped with a handler stuck past the timeout (PGlite)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-stop-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  /** A consumer whose effect is a row written in its transaction, before `after` runs. */
  const boot = (after: () => Promise<void>, calls: string[]) => {
    const probe = (em: SqlEntityManager): EventHandler => ({
      consumer: 'shutdown-probe',
      eventTypes: ['user.registered'],
      async handle(event) {
        calls.push(event.eventId);
        await em.execute('insert into shutdown_effects (event_id) values (?)', [event.eventId]);
        await after();
      },
    });
    return startRookery(['worker'], {
      config: testConfig({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '500' }),
      modules: [
        new ContainerModule(
          ({ bind }) => void bind(EventHandlers).toResolvedValue(probe, [Tokens.EntityManager]),
        ),
      ],
    });
  };

  it('stops in time, and the delivery is handled once at the next start instead of after its lease', async () => {
    const firstCalls: string[] = [];
    const first = await boot(() => new Promise<void>(() => {}), firstCalls); // never returns
    await first.infra.orm.em.fork().execute('create table shutdown_effects (event_id uuid not null)');
    const uow = first.container.get<UnitOfWork>(UnitOfWork);
    const events = first.container.get<EventPublisher>(EventPublisher);
    const [eventId] = await uow.transaction(() => events.publish([registered()]));
    await until(
      async () => firstCalls.length,
      (n) => n > 0,
      10_000,
    );

    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(500 + 2_000);

    const secondCalls: string[] = [];
    const second = await boot(async () => {}, secondCalls);
    try {
      const effects = async () =>
        (
          await second.infra.orm.em
            .fork()
            .execute<{ event_id: string }[]>('select event_id from shutdown_effects')
        ).map((r) => r.event_id);
      expect(await until(effects, (ids) => ids.length > 0, 10_000)).toEqual([eventId]);
      expect(secondCalls).toEqual([eventId]);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
