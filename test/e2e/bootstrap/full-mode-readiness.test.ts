import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { services } from '../../support/services.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
import { testConfig } from '../../support/test-config.ts';

interface ReadyBody {
  status: string;
  components: Record<string, { status: string; required: boolean; latency_ms: number; error?: string }>;
}

async function ready(rookery: RunningRookery): Promise<{ status: number; body: ReadyBody }> {
  const response = await fetch(`${rookery.url}/ready`);
  return { status: response.status, body: (await response.json()) as ReadyBody };
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
  let rookery: RunningRookery;

  beforeAll(async () => {
    database = await createTestDatabase();
    redisProxy = await TcpProxy.start(services.redisUrl);
    rookery = await startRookery(['api'], {
      config: testConfig({
        DATABASE_URL: database.url,
        REDIS_URL: redisProxy.url(services.redisUrl),
        AMQP_URL: services.amqpUrl,
        DATA_DIR: '/tmp/rookery-e2e-full',
      }),
    });
  });

  afterAll(async () => {
    await rookery?.stop();
    await redisProxy?.close();
    await database?.drop();
  });

  it('is ready with db, cache and broker up, each with its latency', async () => {
    const { status, body } = await ready(rookery);
    expect(status).toBe(200);
    for (const name of ['db', 'cache', 'broker']) {
      expect(body.components[name]).toMatchObject({ status: 'up', required: true });
      expect(body.components[name]!.latency_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('turns not ready (503) naming the cache when Redis goes away, and ready again when it is back', async () => {
    redisProxy.cut();
    const down = await eventually(
      () => ready(rookery),
      (r) => r.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('not_ready');
    expect(down.body.components.cache?.status).toBe('down');
    expect(down.body.components.db?.status).toBe('up');

    redisProxy.restore();
    const up = await eventually(
      () => ready(rookery),
      (r) => r.status === 200,
    );
    expect(up.status).toBe(200);
    expect(up.body.components.cache?.status).toBe('up');
  });

  it('stays alive (/health 200) while a dependency is down: liveness is not readiness', async () => {
    redisProxy.cut();
    expect((await fetch(`${rookery.url}/health`)).status).toBe(200);
    redisProxy.restore();
    await eventually(
      () => ready(rookery),
      (r) => r.status === 200,
    );
  });
});
