import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { BlackholeProxy } from '../../support/blackhole-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { services } from '../../support/services.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
import { testConfig } from '../../support/test-config.ts';

interface ReadyBody {
  status: string;
  components: Record<string, { status: string; required: boolean; latency_ms: number; error?: string }>;
}

async function ready(rookery: RunningRookery): Promise<{ status: number; body: ReadyBody; tookMs: number }> {
  const started = Date.now();
  const response = await fetch(`${rookery.url}/ready`);
  const body = (await response.json()) as ReadyBody;
  return { status: response.status, body, tookMs: Date.now() - started };
}

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the api entrypoint in full mode (PostgreSQL, Redis, RabbitMQ)', () => {
  let database: TestDatabase;
  let redisProxy: TcpProxy;
  let redisHole: BlackholeProxy;
  let api: RunningRookery;
  let apiBehindHole: RunningRookery;

  beforeAll(async () => {
    database = await createTestDatabase();
    redisProxy = await TcpProxy.start(services.redisUrl);
    redisHole = await BlackholeProxy.start(services.redisUrl);
    const config = (redisUrl: string) =>
      testConfig({
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        AMQP_URL: services.amqpUrl,
        DATA_DIR: '/tmp/rookery-e2e-full',
        READINESS_TIMEOUT_MS: '500',
      });
    api = await startRookery(['api'], { config: config(redisProxy.url(services.redisUrl)) });
    apiBehindHole = await startRookery(['api'], { config: config(redisHole.url(services.redisUrl)) });
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), apiBehindHole?.stop()]);
    await redisProxy?.close();
    await redisHole?.close();
    await database?.drop();
  });

  it('is ready with db, cache and broker up, each with its latency; only the database is required', async () => {
    const { status, body } = await ready(api);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.components.db).toMatchObject({ status: 'up', required: true });
    for (const name of ['cache', 'broker'])
      expect(body.components[name]).toMatchObject({ status: 'up', required: false });
    for (const name of ['db', 'cache', 'broker'])
      expect(body.components[name]!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('stays ready but reports "degraded" naming the cache when Redis goes away, and plain ready when it is back', async () => {
    redisProxy.cut();
    const down = await eventually(
      () => ready(api),
      (r) => r.body.status === 'degraded',
    );
    expect(down.status).toBe(200);
    expect(down.body.status).toBe('degraded');
    expect(down.body.components.cache).toMatchObject({ status: 'down', required: false });
    expect(down.body.components.db?.status).toBe('up');
    expect(down.body.components.broker?.status).toBe('up');

    redisProxy.restore();
    const up = await eventually(
      () => ready(api),
      (r) => r.body.status === 'ready',
    );
    expect(up.status).toBe(200);
    expect(up.body.components.cache?.status).toBe('up');
  });

  it('notices a Redis that accepts but never answers within the readiness timeout (degraded, not hung)', async () => {
    redisHole.partition();
    try {
      const down = await eventually(
        () => ready(apiBehindHole),
        (r) => r.body.status === 'degraded',
      );
      expect(down.status).toBe(200);
      // Whichever gives up first: the probe's own timeout or the client's command timeout.
      expect(down.body.components.cache).toMatchObject({
        status: 'down',
        error: expect.stringMatching(/^(no answer within 500 ms|Command timed out)$/),
      });
      expect(down.tookMs).toBeLessThan(1_500);
      expect(down.body.components.db?.status).toBe('up');
    } finally {
      redisHole.heal();
    }
    const up = await eventually(
      () => ready(apiBehindHole),
      (r) => r.body.status === 'ready',
    );
    expect(up.body.status).toBe('ready');
  });

  it('stays alive (/health 200) while a dependency is down: liveness is not readiness', async () => {
    redisProxy.cut();
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    redisProxy.restore();
    await eventually(
      () => ready(api),
      (r) => r.body.status === 'ready',
    );
  });
});

/**
 * A worker whose broker is partitioned away (TCP open, nothing answered, heartbeats not yet
 * missed): its cached "connected" flag still says yes, the live channel round trip does not.
 */
describe('the worker entrypoint with its broker partitioned away (PostgreSQL, RabbitMQ)', () => {
  let database: TestDatabase;
  let amqpHole: BlackholeProxy;
  let worker: RunningRookery;
  let consumers: string[] = [];
  const namespace = `e2e-ready-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    amqpHole = await BlackholeProxy.start(services.amqpUrl);
    worker = await startRookery(['worker'], {
      config: testConfig({
        DATABASE_URL: database.url,
        REDIS_URL: services.redisUrl,
        AMQP_URL: amqpHole.url(services.amqpUrl),
        AMQP_NAMESPACE: namespace,
        DATA_DIR: '/tmp/rookery-e2e-full-worker',
        READINESS_TIMEOUT_MS: '500',
      }),
    });
    consumers = worker.container.getAll<EventHandler>(EventHandlers).map((h) => h.consumer);
  });

  afterAll(async () => {
    amqpHole?.heal();
    await worker?.stop();
    await amqpHole?.close();
    await deleteRabbitNamespace(services.amqpUrl, namespace, consumers, worker.config.events.retryDelaysMs);
    await database?.drop();
  });

  it('requires the database and the broker, not the cache', async () => {
    const { status, body } = await ready(worker);
    expect(status).toBe(200);
    expect(body.components.db).toMatchObject({ status: 'up', required: true });
    expect(body.components.broker).toMatchObject({ status: 'up', required: true });
    expect(body.components.cache).toMatchObject({ status: 'up', required: false });
  });

  it('turns not ready naming the broker within the readiness timeout, and ready again once healed', async () => {
    const partitionedAt = Date.now();
    amqpHole.partition();
    const down = await eventually(
      () => ready(worker),
      (r) => r.status === 503,
    );
    const noticedMs = Date.now() - partitionedAt;
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not_ready');
    expect(down.body.components.broker).toMatchObject({ status: 'down', required: true });
    expect(down.body.components.db?.status).toBe('up');
    expect(noticedMs).toBeLessThan(3_000);
    // Not a liveness failure: a restart would not bring the broker back.
    expect((await fetch(`${worker.url}/health`)).status).toBe(200);

    amqpHole.heal();
    const up = await eventually(
      () => ready(worker),
      (r) => r.status === 200,
      20_000,
    );
    expect(up.status).toBe(200);
    expect(up.body.components.broker?.status).toBe('up');
    // The consumers came back with the connection.
    const alive = await eventually(
      async () =>
        (await (await fetch(`${worker.url}/health`)).json()) as {
          checks: Record<string, { status: string }>;
        },
      (h) => h.checks.consumers?.status === 'ok',
    );
    expect(alive.checks.consumers?.status).toBe('ok');
    console.log(`broker partition noticed by /ready after ${noticedMs} ms`);
  }, 40_000);
});
