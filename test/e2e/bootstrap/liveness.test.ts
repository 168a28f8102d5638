import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { services } from '../../support/services.ts';
import { testConfig } from '../../support/test-config.ts';

interface HealthBody {
  status: string;
  checks: Record<string, { status: string; reason?: string }>;
}

async function health(rookery: RunningRookery): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(`${rookery.url}/health`);
  return { status: response.status, body: (await response.json()) as HealthBody };
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A worker on PostgreSQL (a pool of 2) and RabbitMQ, in this process: the test blocks its
 * event loop and holds its whole pool, as a stuck process would, and reads /health and
 * /metrics as Kubernetes and Prometheus do.
 */
describe('liveness of a worker (PostgreSQL, RabbitMQ)', () => {
  let database: TestDatabase;
  let rookery: RunningRookery;
  let consumers: string[] = [];
  const namespace = `e2e-live-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    rookery = await startRookery(['worker'], {
      config: testConfig({
        DATABASE_URL: database.url,
        DATABASE_POOL_MAX: '2',
        AMQP_URL: services.amqpUrl,
        AMQP_NAMESPACE: namespace,
        DATA_DIR: '/tmp/rookery-e2e-liveness',
        HEALTH_EVENT_LOOP_DELAY_MAX_MS: '300',
        HEALTH_POOL_STALL_MS: '500',
        METRICS_COLLECT_TIMEOUT_MS: '500',
      }),
    });
    consumers = rookery.container.getAll<EventHandler>(EventHandlers).map((h) => h.consumer);
  });

  afterAll(async () => {
    await rookery?.stop();
    await deleteRabbitNamespace(services.amqpUrl, namespace, consumers, rookery.config.events.retryDelaysMs);
    await database?.drop();
  });

  it('is alive while it can make progress, each check reported', async () => {
    const { status, body } = await eventually(
      () => health(rookery),
      (h) => h.status === 200,
    );
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks).toEqual({
      event_loop: { status: 'ok' },
      db_pool: { status: 'ok' },
      consumers: { status: 'ok' },
    });
  });

  it('answers 503 naming the event loop after it was blocked longer than the bound, then recovers', async () => {
    const until = Date.now() + 800;
    while (Date.now() < until); // the loop held up, as by a runaway computation
    const stalled = await health(rookery);
    expect(stalled.status).toBe(503);
    expect(stalled.body.status).toBe('stalled');
    expect(stalled.body.checks.event_loop?.status).toBe('stalled');
    expect(stalled.body.checks.event_loop?.reason).toMatch(/event loop delayed \d+ ms \(bound 300 ms\)/);
    expect(stalled.body.checks.db_pool?.status).toBe('ok');

    const recovered = await eventually(
      () => health(rookery),
      (h) => h.status === 200,
      5_000,
    );
    expect(recovered.status).toBe(200);
  });

  it('answers 503 naming the pool when its connections are all held, and /metrics still answers in time', async () => {
    const pool = (await rookery.infra.orm.em.getConnection().getNativeClient()) as pg.Pool;
    // Every connection taken and never given back, plus requests waiting behind them.
    const held = Array.from({ length: 3 }, () => pool.connect());
    const heldAt = Date.now();
    try {
      const stalled = await eventually(
        () => health(rookery),
        (h) => h.status === 503,
        5_000,
      );
      expect(stalled.status).toBe(503);
      console.log(`/health 503 db_pool after ${Date.now() - heldAt} ms with the pool held`);
      expect(stalled.body.checks.db_pool?.status).toBe('stalled');
      expect(stalled.body.checks.db_pool?.reason).toMatch(
        /requests waiting \d+ ms for a connection, 2 of 2 in use/,
      );
      expect(stalled.body.checks.event_loop?.status).toBe('ok');

      // The outbox-lag gauge needs a connection it cannot get: the scrape leaves it out.
      for (let scrape = 0; scrape < 2; scrape++) {
        const started = Date.now();
        const response = await fetch(`${rookery.url}/metrics`, { signal: AbortSignal.timeout(5_000) });
        const text = await response.text();
        const tookMs = Date.now() - started;
        expect(response.status).toBe(200);
        expect(tookMs).toBeLessThan(1_500);
        console.log(`/metrics with the pool held answered in ${tookMs} ms`);
        expect(text).not.toMatch(/^outbox_lag_seconds\{/m);
        // The counter is read in the same pass as the gauge: it shows the earlier scrapes' failures.
        if (scrape > 0)
          expect(text).toMatch(/^metrics_collection_failures_total\{metric="outbox_lag_seconds",.*\} [1-9]/m);
        expect(text).toMatch(/^process_cpu_user_seconds_total/m);
      }
    } finally {
      for (const client of held) void client.then((c) => c.release());
    }
    const recovered = await eventually(
      () => health(rookery),
      (h) => h.status === 200,
      5_000,
    );
    expect(recovered.status).toBe(200);
    const scraped = await eventually(
      async () => (await fetch(`${rookery.url}/metrics`)).text(),
      (text) => /^outbox_lag_seconds\{/m.test(text),
      5_000,
    );
    expect(scraped).toMatch(/^outbox_lag_seconds\{/m);
  });
});
