/**
 * npm run bench:events — end-to-end event throughput and latency, from the commit of a use
 * case's transaction (state + outbox row) to the consumer's effect committed once, over
 * RabbitMQ and over the embedded bus, with a baseline in the same run: the same commit
 * followed by the same handler called directly in-process (no outbox, no transport).
 *
 * Environment: BENCH_SECONDS (default 10) per phase, BENCH_RATE (default 200 events/s) for
 * the latency phase, BENCH_CONCURRENCY (default 8) producers in the throughput phase,
 * DATABASE_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres), AMQP_URL.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Orm } from '#adapters/postgres/database.ts';
import { PostgresProcessedEvents } from '#adapters/postgres/messaging/postgres-processed-events.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import type { EventHandler } from '#application/messaging/event-handler.ts';
import { HandleEventOnce } from '#application/messaging/handle-event-once.use-case.ts';
import { domainEvent } from '#domain/shared/domain-event.ts';
import { embeddedBackbone, rabbitMqBackbone, type Backbone } from '../test/support/event-backbone.ts';
import type { OpenedTestDatabase } from '../test/support/databases.ts';
import { deleteRabbitNamespace } from '../test/support/rabbitmq-cleanup.ts';
import { comparison, machine, summarise, table, type Summary } from './support/stats.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rate = Number(process.env.BENCH_RATE ?? 200);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const retryDelaysMs = [1_000, 5_000];

interface Probe {
  committed: Map<string, number>;
  latencies: number[];
  handler: EventHandler;
}

/** The consumer under test: one INSERT in its transaction, timestamped against the commit. */
function probe(orm: Orm): Probe {
  const committed = new Map<string, number>();
  const latencies: number[] = [];
  return {
    committed,
    latencies,
    handler: {
      consumer: 'bench',
      eventTypes: ['test.happened'],
      async handle(event) {
        await orm.em.execute('insert into test_effects (consumer, event_id, n) values (?, ?, ?)', [
          'bench',
          event.eventId,
          (event.payload as { n: number }).n,
        ]);
        const at = committed.get(event.eventId);
        if (at !== undefined) latencies.push(performance.now() - at);
      },
    },
  };
}

async function freshDatabase(): Promise<{ db: OpenedTestDatabase; drop(): Promise<void> }> {
  const name = `rookery_bench_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const orm = await openDatabase({
    kind: 'postgres',
    url: url.toString(),
    poolMax: 20,
    statementTimeoutMs: 60_000,
  });
  await migrateDatabase(orm);
  const db = { orm, close: () => orm.close() };
  return {
    db,
    async drop() {
      await orm.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** Producers commit one event per transaction: flat out (`ratePerSecond` = 0) or paced. */
async function produce(publish: (n: number) => Promise<void>, ratePerSecond: number): Promise<number> {
  const deadline = performance.now() + seconds * 1_000;
  let n = 0;
  if (ratePerSecond === 0) {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) await publish(n++);
      }),
    );
    return n;
  }
  const interval = 1_000 / ratePerSecond;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  while (performance.now() < deadline) {
    inFlight.push(publish(n++));
    const next = start + n * interval;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inFlight);
  return n;
}

async function drained(probe: Probe, expected: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (probe.latencies.length < expected && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
}

async function freshPglite(): Promise<{ db: OpenedTestDatabase; drop(): Promise<void> }> {
  const orm = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await migrateDatabase(orm);
  return { db: { orm, close: () => orm.close() }, drop: () => orm.close() };
}

async function measureTransport(
  name: string,
  open: (db: OpenedTestDatabase) => Promise<Backbone>,
  database: () => Promise<{ db: OpenedTestDatabase; drop(): Promise<void> }> = freshDatabase,
): Promise<Summary[]> {
  const { db, drop } = await database();
  const bus = await open(db);
  const p = probe(db.orm);
  await bus.start([p.handler]);
  const publish = async (n: number) => {
    const [id] = await bus.publish([domainEvent('test.happened', { n }, new Date())]);
    p.committed.set(id!, performance.now());
  };
  const results: Summary[] = [];
  try {
    for (const [phase, pace] of [
      [`${name}, flat out (${concurrency} producers)`, 0],
      [`${name}, paced at ${rate}/s`, rate],
    ] as const) {
      p.latencies.length = 0;
      p.committed.clear();
      const started = performance.now();
      const produced = await produce(publish, pace);
      await drained(p, produced);
      const elapsed = (performance.now() - started) / 1_000;
      results.push(summarise(phase, p.latencies, elapsed));
      process.stderr.write(`  ${phase}: ${produced} produced, ${p.latencies.length} consumed\n`);
    }
  } finally {
    await bus.stop();
    await drop();
  }
  return results;
}

async function measureBaseline(): Promise<Summary[]> {
  const { db, drop } = await freshDatabase();
  await db.orm.em
    .fork()
    .execute(
      'create table if not exists test_effects (consumer text not null, event_id uuid not null, n int not null, at timestamptz not null default clock_timestamp())',
    );
  const p = probe(db.orm);
  const uow = new PostgresUnitOfWork(db.orm.em);
  const once = new HandleEventOnce(uow, new PostgresProcessedEvents(db.orm.em));
  const publish = async (n: number) => {
    const eventId = randomUUID();
    await uow.transaction(async () => {
      await db.orm.em.execute('select 1');
    });
    p.committed.set(eventId, performance.now());
    await once.execute({
      handler: p.handler,
      event: { eventId, ...domainEvent('test.happened', { n }, new Date()) },
    });
  };
  const results: Summary[] = [];
  try {
    for (const [phase, pace] of [
      [`baseline: commit + direct call, flat out (${concurrency} producers)`, 0],
      [`baseline: commit + direct call, paced at ${rate}/s`, rate],
    ] as const) {
      p.latencies.length = 0;
      const started = performance.now();
      await produce(publish, pace);
      results.push(summarise(phase, p.latencies, (performance.now() - started) / 1_000));
    }
  } finally {
    await drop();
  }
  return results;
}

const namespace = `bench-${randomUUID().slice(0, 8)}`;
process.stderr.write(`bench:events — ${seconds}s per phase on ${await machine()}\n`);
const baseline = await measureBaseline();
const rabbit = await measureTransport('RabbitMQ', (db) =>
  rabbitMqBackbone(db, amqpUrl, { retryDelaysMs, consumers: ['bench'], namespace }),
);
await deleteRabbitNamespace(amqpUrl, namespace, ['bench'], retryDelaysMs).catch(() => {});
const embedded = await measureTransport('embedded bus on PostgreSQL', (db) =>
  embeddedBackbone(db, { retryDelaysMs, consumers: ['bench'] }),
);
const laptop = await measureTransport(
  'embedded bus on PGlite',
  (db) => embeddedBackbone(db, { retryDelaysMs, consumers: ['bench'] }),
  freshPglite,
);

const rows = [...baseline, ...rabbit, ...embedded, ...laptop];
process.stdout.write(`\n${table(rows, 'events/s')}\n\n`);
process.stdout.write(
  [rabbit[0]!, embedded[0]!, laptop[0]!].map((s) => `- ${comparison(s, baseline[0]!)}`).join('\n') + '\n',
);
process.exit(0);
