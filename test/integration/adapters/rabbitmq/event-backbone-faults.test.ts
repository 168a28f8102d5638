import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { openPostgresForTest, type OpenedTestDatabase } from '../../../support/databases.ts';
import {
  effectCounts,
  exactlyOnce,
  rabbitMqBackbone,
  recordingHandler,
  testEvents,
  until,
  type Backbone,
} from '../../../support/event-backbone.ts';
import { RabbitMqNode } from '../../../support/rabbitmq-node.ts';
import { projectRoot } from '../../../support/rookery-process.ts';
import { services } from '../../../support/services.ts';
import { TcpProxy } from '../../../support/tcp-proxy.ts';

/**
 * Every test pushes thousands of counted events through outbox → relay → RabbitMQ →
 * consumer while something breaks, and then checks that each one's effect happened
 * exactly once.
 */
const delays = [50, 150];
const clean = { missing: 0, duplicated: 0, unexpected: 0 };

async function publishInBatches(bus: Backbone, total: number, batch = 100, pauseMs = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < total; from += batch) {
    ids.push(...(await bus.publish(testEvents(Math.min(batch, total - from), 'test.happened', from))));
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return ids;
}

const lostConnections = (bus: Backbone) =>
  bus.logs.filter((l) => l.message === 'amqp connection lost; reconnecting').length;

async function consumedDuplicates(bus: Backbone): Promise<number> {
  const metric = await bus.metrics.getSingleMetric('events_consumed_total')!.get();
  return metric.values.filter((v) => v.labels.outcome === 'duplicate').reduce((sum, v) => sum + v.value, 0);
}

describe('event backbone under faults (RabbitMQ + PostgreSQL)', () => {
  let db: OpenedTestDatabase;
  let bus:
    (Backbone & { topology: { queue(c: string): string; options: { namespace: string } } }) | undefined;
  beforeAll(async () => {
    db = await openPostgresForTest();
  });
  afterEach(async () => {
    await bus?.stop();
    bus = undefined;
  }, 60_000);
  afterAll(() => db.close());

  it('loses and duplicates nothing when the broker connection is cut mid-stream and comes back', async () => {
    const proxy = await TcpProxy.start(services.amqpUrl);
    try {
      bus = await rabbitMqBackbone(db, proxy.url(services.amqpUrl), {
        retryDelaysMs: delays,
        consumers: ['sink'],
      });
      await bus.start([recordingHandler(db, 'sink')]);

      const publishing = publishInBatches(bus, 3_000, 100, 10);
      for (const afterMs of [300, 900]) {
        await new Promise((r) => setTimeout(r, afterMs));
        proxy.cut();
        await new Promise((r) => setTimeout(r, 400));
        proxy.restore();
      }
      const ids = await publishing;

      const counts = await until(
        () => effectCounts(db, 'sink'),
        (c) => c.size >= ids.length,
        90_000,
      );
      expect(exactlyOnce(ids, counts)).toEqual({ ...clean, applied: 3_000 });
      expect(lostConnections(bus)).toBeGreaterThanOrEqual(2);
    } finally {
      await bus?.stop();
      bus = undefined;
      await proxy.close();
    }
  }, 120_000);

  it('loses and duplicates nothing when RabbitMQ itself restarts while events flow', async () => {
    const node = await RabbitMqNode.start(5_680);
    try {
      bus = await rabbitMqBackbone(db, node.url, { retryDelaysMs: delays, consumers: ['sink'] });
      await bus.start([recordingHandler(db, 'sink')]);

      const publishing = publishInBatches(bus, 2_000, 100, 20);
      await until(
        () => effectCounts(db, 'sink'),
        (c) => c.size >= 200,
        30_000,
      );
      await node.restart();
      const ids = await publishing;

      const counts = await until(
        () => effectCounts(db, 'sink'),
        (c) => c.size >= ids.length,
        90_000,
      );
      expect(exactlyOnce(ids, counts)).toEqual({ ...clean, applied: 2_000 });
      expect(lostConnections(bus)).toBeGreaterThanOrEqual(1);
    } finally {
      await bus?.stop().catch(() => {});
      bus = undefined;
      await node.stop();
    }
  }, 180_000);

  it('applies once what a worker was handling when it was killed (SIGKILL): redelivered to the next worker', async () => {
    bus = await rabbitMqBackbone(db, services.amqpUrl, { retryDelaysMs: delays, consumers: ['sink'] });
    const startWorker = () => spawnFaultWorker(db, bus!.topology.options.namespace, 'sink');

    const first = await startWorker();
    bus.relay.start();
    const ids = await publishInBatches(bus, 2_000, 200);
    await until(
      () => effectCounts(db, 'sink'),
      (c) => c.size >= 300,
      30_000,
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const appliedWhenKilled = (await effectCounts(db, 'sink')).size;

    const second = await startWorker();
    try {
      const counts = await until(
        () => effectCounts(db, 'sink'),
        (c) => c.size >= ids.length,
        90_000,
      );
      expect(appliedWhenKilled).toBeLessThan(ids.length);
      expect(exactlyOnce(ids, counts)).toEqual({ ...clean, applied: 2_000 });
    } finally {
      second.kill('SIGTERM');
    }
  }, 120_000);

  it('deduplicates what the relay published again after crashing before it marked the rows', async () => {
    bus = await rabbitMqBackbone(db, services.amqpUrl, { retryDelaysMs: delays, consumers: ['sink'] });
    let crashes = 3;
    bus.relay.afterPublish = () => {
      if (crashes-- > 0)
        throw new Error('relay crashed after the broker confirmed, before marking the outbox');
    };
    await bus.start([recordingHandler(db, 'sink')]);

    const ids = await publishInBatches(bus, 2_000, 500);

    const counts = await until(
      () => effectCounts(db, 'sink'),
      (c) => c.size >= ids.length,
      60_000,
    );
    await until(
      () => consumedDuplicates(bus!),
      (n) => n > 0,
      10_000,
    );
    expect(exactlyOnce(ids, counts)).toEqual({ ...clean, applied: 2_000 });
    expect(await consumedDuplicates(bus)).toBeGreaterThan(0); // the republished copies did arrive
  }, 90_000);

  it('retries a handler that fails transiently k times with growing delays, then applies it once', async () => {
    bus = await rabbitMqBackbone(db, services.amqpUrl, { retryDelaysMs: delays, consumers: ['sink'] });
    const k = 2;
    const sink = recordingHandler(db, 'sink', ['test.happened'], (event, call) => {
      if ((event.payload as { n: number }).n % 10 === 0 && call <= k)
        throw new Error(`connection reset (call ${call})`);
    });
    await bus.start([sink]);

    const ids = await publishInBatches(bus, 2_000, 200);

    const counts = await until(
      () => effectCounts(db, 'sink'),
      (c) => c.size >= ids.length,
      60_000,
    );
    expect(exactlyOnce(ids, counts)).toEqual({ ...clean, applied: 2_000 });
    const flaky = ids.filter((_, n) => n % 10 === 0);
    for (const id of flaky) {
      const calls = sink.calls.get(id)!;
      expect(calls).toHaveLength(k + 1);
      expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(delays[0]! - 15);
      expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(delays[1]! - 15);
    }
  }, 90_000);

  it('dead-letters a poison message after its attempts while the rest flow, and a replay after the fix applies it once', async () => {
    bus = await rabbitMqBackbone(db, services.amqpUrl, { retryDelaysMs: delays, consumers: ['sink'] });
    let fixed = false;
    const poison = new Set([13, 777, 1_500]);
    const sink = recordingHandler(db, 'sink', ['test.happened'], (event) => {
      if (!fixed && poison.has((event.payload as { n: number }).n)) throw new Error('handler bug');
    });
    await bus.start([sink]);

    const ids = await publishInBatches(bus, 2_000, 200);
    const healthy = ids.filter((_, n) => !poison.has(n));
    const before = await until(
      () => effectCounts(db, 'sink'),
      (c) => c.size >= healthy.length,
      60_000,
    );
    const dead = await until(
      () => bus!.deadLetters.list('sink', 10),
      (d) => d.length >= poison.size,
      30_000,
    );
    expect(exactlyOnce(healthy, before)).toEqual({ ...clean, applied: healthy.length });
    expect(dead.map((d) => d.attempts)).toEqual([3, 3, 3]);

    fixed = true;
    expect(await bus.deadLetters.replay('sink')).toBe(3);
    const after = await until(
      () => effectCounts(db, 'sink'),
      (c) => c.size >= ids.length,
      30_000,
    );
    expect(exactlyOnce(ids, after)).toEqual({ ...clean, applied: 2_000 });
  }, 90_000);
});

async function spawnFaultWorker(
  db: OpenedTestDatabase,
  namespace: string,
  consumer: string,
): Promise<ChildProcess> {
  const child = spawn(
    path.join(projectRoot, 'node_modules/.bin/node'),
    [path.join(projectRoot, 'test/support/fault-worker.ts')],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATABASE_URL: dbUrl(db),
        AMQP_URL: services.amqpUrl,
        NAMESPACE: namespace,
        CONSUMER: consumer,
        RETRY_DELAYS_MS: JSON.stringify(delays),
        DAWDLE_MS: '5',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`fault worker exited with ${code}`)));
  });
  return child;
}

function dbUrl(db: OpenedTestDatabase): string {
  return (db.orm.config.get('clientUrl') as string) ?? '';
}
