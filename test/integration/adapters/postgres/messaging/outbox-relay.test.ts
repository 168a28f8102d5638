import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { Registry } from 'prom-client';
import type { EventTransport, OutgoingEvent, PublishOutcome } from '#adapters/messaging/event-transport.ts';
import { openDatabase } from '#adapters/postgres/database.ts';
import { OutboxRelay } from '#adapters/postgres/messaging/outbox-relay.ts';
import { PostgresOutboxEventPublisher } from '#adapters/postgres/messaging/postgres-outbox-event-publisher.ts';
import { PostgresOutboxListener } from '#adapters/postgres/messaging/postgres-outbox-listener.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import { captureLogger } from '../../../../support/capture-logger.ts';
import {
  databaseKinds,
  openPostgresForTest,
  type OpenedTestDatabase,
} from '../../../../support/databases.ts';
import { testEvents, until } from '../../../../support/event-backbone.ts';
import { installTestTracing } from '../../../../support/tracing.ts';

/** A transport that records what it was given and can be told to refuse some events. */
class RecordingTransport implements EventTransport {
  readonly received: OutgoingEvent[] = [];
  refuse = new Set<string>();
  delayMs = 0;

  async publish(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    this.received.push(...events);
    return events.map(({ envelope }) =>
      this.refuse.has(envelope.eventId)
        ? { eventId: envelope.eventId, ok: false, error: 'unroutable: nobody listens' }
        : { eventId: envelope.eventId, ok: true },
    );
  }
}

const tracing = installTestTracing();
afterAll(() => tracing.reset());

for (const [kind, open] of databaseKinds) {
  describe(`outbox and relay on ${kind}`, () => {
    let db: OpenedTestDatabase;
    let uow: PostgresUnitOfWork;
    let outbox: PostgresOutboxEventPublisher;
    const { logger } = captureLogger();

    beforeAll(async () => {
      db = await open();
      uow = new PostgresUnitOfWork(db.orm.em);
      outbox = new PostgresOutboxEventPublisher(db.orm.em, new UuidV7IdGenerator());
    });
    afterAll(() => db.close());
    beforeEach(() => db.orm.em.fork().execute('truncate outbox'));

    const relayWith = (transport: EventTransport, metrics = new Registry(), batchSize = 50) =>
      new OutboxRelay(db.orm.em, transport, logger, metrics, { batchSize, pollIntervalMs: 20 });
    const pending = async () =>
      Number(
        (
          await db.orm.em
            .fork()
            .execute<{ n: number }[]>('select count(*) as n from outbox where published_at is null')
        )[0]!.n,
      );

    it('publishes committed events in the order they were created, then marks them published', async () => {
      const ids = [];
      for (let i = 0; i < 5; i++)
        ids.push(...(await uow.transaction(() => outbox.publish(testEvents(30, 'test.happened', i * 30)))));
      const transport = new RecordingTransport();
      const relay = relayWith(transport);

      while ((await relay.relayOnce()) > 0);

      expect(transport.received.map((e) => e.envelope.eventId)).toEqual(ids);
      expect(transport.received.map((e) => (e.envelope.payload as { n: number }).n)).toEqual([
        ...Array(150).keys(),
      ]);
      expect(await pending()).toBe(0);
    });

    it('publishes nothing from a transaction that rolled back', async () => {
      await expect(
        uow.transaction(async () => {
          await outbox.publish(testEvents(3));
          throw new Error('use case failed after publishing');
        }),
      ).rejects.toThrow('use case failed');
      const transport = new RecordingTransport();
      expect(await relayWith(transport).relayOnce()).toBe(0);
      expect(transport.received).toEqual([]);
    });

    it('keeps an event the transport did not take, records why, and retries it after a backoff', async () => {
      const [refused, accepted] = await uow.transaction(() => outbox.publish(testEvents(2)));
      const transport = new RecordingTransport();
      transport.refuse.add(refused!);
      const relay = relayWith(transport);

      await relay.relayOnce();
      const [row] = await db.orm.em
        .fork()
        .execute<{ attempts: number; last_error: string; published_at: Date | null; wait_ms: number }[]>(
          `select attempts, last_error, published_at, extract(epoch from available_at - now()) * 1000 as wait_ms
             from outbox where event_id = ?`,
          [refused],
        );
      expect(row).toMatchObject({
        attempts: 1,
        last_error: 'unroutable: nobody listens',
        published_at: null,
      });
      expect(Number(row!.wait_ms)).toBeGreaterThan(500);
      expect(await relay.relayOnce()).toBe(0); // not due yet
      expect(transport.received.filter((e) => e.envelope.eventId === accepted)).toHaveLength(1);

      await db.orm.em.fork().execute('update outbox set available_at = now() where event_id = ?', [refused]);
      transport.refuse.clear();
      await relay.relayOnce();
      expect(await pending()).toBe(0);
    });

    it('lets several relays run at once without publishing any event twice', async () => {
      const ids = (
        await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            uow.transaction(() => outbox.publish(testEvents(50, 'test.happened', i * 50))),
          ),
        )
      ).flat();
      const transport = new RecordingTransport();
      transport.delayMs = 5;
      const relays = [
        relayWith(transport, new Registry(), 20),
        relayWith(transport, new Registry(), 20),
        relayWith(transport, new Registry(), 20),
      ];

      relays.forEach((r) => r.start());
      const deadline = Date.now() + 20_000;
      while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await Promise.all(relays.map((r) => r.stop()));

      const published = transport.received.map((e) => e.envelope.eventId);
      expect(published).toHaveLength(ids.length);
      expect(new Set(published)).toEqual(new Set(ids));
    });

    it('deletes published rows once their retention has passed, never pending ones', async () => {
      await uow.transaction(() => outbox.publish(testEvents(4)));
      const relay = relayWith(new RecordingTransport(), new Registry(), 2);
      await relay.relayOnce(); // 2 published, 2 pending
      await db.orm.em
        .fork()
        .execute("update outbox set published_at = now() - interval '8 days' where published_at is not null");

      expect(await relay.deletePublishedBefore(new Date(Date.now() - 7 * 24 * 3_600_000))).toBe(2);
      expect(await pending()).toBe(2);
    });

    it('reports the age of the oldest unpublished event as outbox lag', async () => {
      const metrics = new Registry();
      const relay = relayWith(new RecordingTransport(), metrics);
      await uow.transaction(() => outbox.publish(testEvents(1)));
      await db.orm.em.fork().execute("update outbox set created_at = now() - interval '42 seconds'");
      expect(
        (await metrics.getSingleMetric('outbox_lag_seconds')!.get()).values[0]!.value,
      ).toBeGreaterThanOrEqual(42);
      await relay.relayOnce();
      expect((await metrics.getSingleMetric('outbox_lag_seconds')!.get()).values[0]!.value).toBe(0);
    });

    it('carries the trace of the request that caused an event into what it publishes', async () => {
      tracing.exporter.reset();
      const transport = new RecordingTransport();
      const traceId = await trace.getTracer('test').startActiveSpan('POST /api/v1/posts', async (span) => {
        await uow.transaction(() => outbox.publish(testEvents(1)));
        span.end();
        return span.spanContext().traceId;
      });
      await relayWith(transport).relayOnce();
      expect(transport.received[0]!.headers.traceparent).toMatch(
        new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
      );
      const publishSpan = tracing.exporter.getFinishedSpans().find((s) => s.name === 'publish test.happened');
      expect(publishSpan?.spanContext().traceId).toBe(traceId);
    });
  });
}

describe('outbox relay woken by LISTEN/NOTIFY (PostgreSQL)', () => {
  let db: OpenedTestDatabase;
  const { logger } = captureLogger();
  beforeAll(async () => {
    db = await openPostgresForTest();
  });
  afterAll(() => db.close());

  it('publishes an event committed by another connection at once, long before its next poll', async () => {
    const url = db.orm.config.get('clientUrl')!;
    const transport = new RecordingTransport();
    // Nothing in this process tells the relay about the commit: only the NOTIFY can wake it.
    const relay = new OutboxRelay(db.orm.em, transport, logger, new Registry(), { pollIntervalMs: 60_000 });
    const listener = new PostgresOutboxListener(url, () => relay.wake(), logger);
    const elsewhere = await openDatabase({ kind: 'postgres', url, poolMax: 1, statementTimeoutMs: 10_000 });
    relay.start();
    await listener.start();
    try {
      await new Promise((r) => setTimeout(r, 300)); // the relay has looked once and is asleep
      expect(transport.received).toEqual([]);

      const committedAt = Date.now();
      const [id] = await new PostgresUnitOfWork(elsewhere.em).transaction(() =>
        new PostgresOutboxEventPublisher(elsewhere.em, new UuidV7IdGenerator()).publish(testEvents(1)),
      );
      const received = await until(
        async () => transport.received.map((e) => e.envelope.eventId),
        (ids) => ids.length > 0,
        5_000,
      );
      expect(received).toEqual([id]);
      expect(Date.now() - committedAt).toBeLessThan(2_000);
    } finally {
      await listener.stop();
      await relay.stop();
      await elsewhere.close();
    }
  });
});
