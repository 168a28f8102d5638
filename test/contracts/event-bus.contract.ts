import { afterEach, describe, expect, it } from '@jest/globals';
import { SpanKind, trace } from '@opentelemetry/api';
import { DomainError } from '#domain/shared/domain-error.ts';
import type { Backbone, BackboneOptions } from '../support/event-backbone.ts';
import { effectCounts, exactlyOnce, recordingHandler, testEvents, until } from '../support/event-backbone.ts';
import { installTestTracing } from '../support/tracing.ts';

export type OpenBackbone = (options: BackboneOptions) => Promise<Backbone>;

const delays = [60, 180];

// Once per test file: tracers the code under test obtained stay bound to the first provider.
let tracing: ReturnType<typeof installTestTracing> | undefined;
const testTracing = () => (tracing ??= installTestTracing());
const consumers = ['alpha', 'beta'];

/**
 * What both event transports (RabbitMQ and the embedded bus) must do, end to end: outbox
 * → relay → transport → consumer → HandleEventOnce → effect.
 */
export function eventBusContract(adapter: string, open: OpenBackbone): void {
  describe(`event bus contract: ${adapter}`, () => {
    let backbone: Backbone | undefined;
    afterEach(async () => {
      await backbone?.stop();
      backbone = undefined;
    });

    const start = async (options: Partial<BackboneOptions> = {}) => {
      backbone = await open({
        retryDelaysMs: delays,
        consumers,
        types: { alpha: ['test.happened', 'test.other'], beta: ['test.happened'] },
        ...options,
      });
      return backbone;
    };

    it('delivers every event once to each consumer subscribed to its type', async () => {
      const bus = await start();
      const alpha = recordingHandler(bus.db, 'alpha', ['test.happened', 'test.other']);
      const beta = recordingHandler(bus.db, 'beta', ['test.happened']);
      await bus.start([alpha, beta]);

      const happened = (
        await Promise.all(
          Array.from({ length: 10 }, (_, i) => bus.publish(testEvents(50, 'test.happened', i * 50))),
        )
      ).flat();
      const other = await bus.publish(testEvents(100, 'test.other'));

      const a = await until(
        () => effectCounts(bus.db, 'alpha'),
        (c) => c.size >= 600,
      );
      const b = await until(
        () => effectCounts(bus.db, 'beta'),
        (c) => c.size >= 500,
      );
      expect(exactlyOnce([...happened, ...other], a)).toEqual({
        missing: 0,
        duplicated: 0,
        unexpected: 0,
        applied: 600,
      });
      expect(exactlyOnce(happened, b)).toEqual({ missing: 0, duplicated: 0, unexpected: 0, applied: 500 });
    });

    it('retries a transiently failing handler with growing delays, then applies it once', async () => {
      const bus = await start();
      const flaky = new Set<string>();
      const alpha = recordingHandler(bus.db, 'alpha', ['test.happened'], (event, call) => {
        if (flaky.has(event.eventId) && call <= 2) throw new Error(`transient failure ${call}`);
      });
      await bus.start([alpha]);

      const ids = await bus.publish(testEvents(200));
      ids.slice(0, 10).forEach((id) => flaky.add(id));
      // (the first attempt may already be running: that is fine, flakiness is decided per call)

      const counts = await until(
        () => effectCounts(bus.db, 'alpha'),
        (c) => c.size >= 200,
      );
      expect(exactlyOnce(ids, counts)).toEqual({ missing: 0, duplicated: 0, unexpected: 0, applied: 200 });
      const retried = [...flaky].map((id) => alpha.calls.get(id)!).filter((calls) => calls.length === 3);
      expect(retried.length).toBeGreaterThan(0);
      for (const [first, second, third] of retried) {
        expect(second! - first!).toBeGreaterThanOrEqual(delays[0]! - 15);
        expect(third! - second!).toBeGreaterThanOrEqual(delays[1]! - 15);
      }
    });

    it('dead-letters after the last attempt with the error recorded, while the rest keep flowing', async () => {
      const bus = await start();
      const poison = new Set<string>();
      const alpha = recordingHandler(bus.db, 'alpha', ['test.happened'], (event) => {
        if (poison.has(event.eventId)) throw new Error('cannot handle this one');
      });
      const events = testEvents(300);
      await bus.start([alpha]);
      const ids = await bus.publish(events);
      ids.slice(100, 103).forEach((id) => poison.add(id));

      const dead = await until(
        () => bus.deadLetters.list('alpha', 10),
        (d) => d.length >= 3,
      );
      const counts = await until(
        () => effectCounts(bus.db, 'alpha'),
        (c) => c.size >= 297,
      );
      expect(
        exactlyOnce(
          ids.filter((id) => !poison.has(id)),
          counts,
        ).missing,
      ).toBe(0);
      expect(dead.map((d) => d.eventId).sort()).toEqual([...poison].sort());
      for (const letter of dead) {
        expect(letter.attempts).toBe(delays.length + 1);
        expect(letter.error).toContain('cannot handle this one');
        expect(letter.type).toBe('test.happened');
        expect(JSON.parse(letter.body).event_id).toBe(letter.eventId);
      }
      for (const id of poison) expect(alpha.calls.get(id)).toHaveLength(delays.length + 1);
      expect(await bus.deadLetters.count('alpha')).toBe(3);
    });

    it('dead-letters a business-rule failure at once, without retrying', async () => {
      const bus = await start();
      const alpha = recordingHandler(bus.db, 'alpha', ['test.happened'], (event) => {
        if ((event.payload as { n: number }).n === 7)
          throw new DomainError('test.rejected', 'invalid', 'never valid');
      });
      await bus.start([alpha]);
      const ids = await bus.publish(testEvents(20));

      const [letter] = await until(
        () => bus.deadLetters.list('alpha', 10),
        (d) => d.length >= 1,
      );
      expect(letter).toMatchObject({ eventId: ids[7], attempts: 1 });
      expect(letter?.error).toContain('permanent: test.rejected');
      expect(alpha.calls.get(ids[7]!)).toHaveLength(1);
    });

    it('dead-letters a malformed message at once instead of crashing the consumer', async () => {
      const bus = await start();
      const alpha = recordingHandler(bus.db, 'alpha');
      await bus.start([alpha]);
      await bus.enqueueRaw('alpha', '{"not": "an event"');
      await bus.enqueueRaw(
        'alpha',
        JSON.stringify({
          event_id: '0193f5c2-7a1e-7000-8000-0000000000aa',
          type: 'test.happened',
          version: 1,
          occurred_at: '2026-11-22T09:00:00Z',
          payload: { n: 'seven' },
        }),
      );
      const ids = await bus.publish(testEvents(20));

      const dead = await until(
        () => bus.deadLetters.list('alpha', 10),
        (d) => d.length >= 2,
      );
      expect(dead.map((d) => d.error).sort()).toEqual(
        [
          expect.stringContaining('event.malformed: Malformed event: not JSON'),
          expect.stringContaining('test.happened payload: n'),
        ].sort(),
      );
      const counts = await until(
        () => effectCounts(bus.db, 'alpha'),
        (c) => c.size >= 20,
      );
      expect(exactlyOnce(ids, counts).missing).toBe(0);
    });

    it('replays dead letters after a fix: each applied once, under its original event id', async () => {
      const bus = await start();
      let broken = true;
      const alpha = recordingHandler(bus.db, 'alpha', ['test.happened'], (event) => {
        if (broken && (event.payload as { n: number }).n % 10 === 0) throw new Error('bug');
      });
      await bus.start([alpha]);
      const ids = await bus.publish(testEvents(100));
      await until(
        () => bus.deadLetters.count('alpha'),
        (n) => n >= 10,
      );

      broken = false;
      expect(await bus.deadLetters.replay('alpha', ids[0])).toBe(1);
      expect(await bus.deadLetters.replay('alpha')).toBe(9);
      const counts = await until(
        () => effectCounts(bus.db, 'alpha'),
        (c) => c.size >= 100,
      );
      expect(exactlyOnce(ids, counts)).toEqual({ missing: 0, duplicated: 0, unexpected: 0, applied: 100 });
      expect(await bus.deadLetters.count('alpha')).toBe(0);
    });

    it("purges a consumer's dead letters", async () => {
      const bus = await start();
      const alpha = recordingHandler(bus.db, 'alpha', ['test.happened'], () => {
        throw new DomainError('test.rejected', 'invalid', 'never valid');
      });
      await bus.start([alpha]);
      await bus.publish(testEvents(5));
      await until(
        () => bus.deadLetters.count('alpha'),
        (n) => n >= 5,
      );
      expect(await bus.deadLetters.purge('alpha')).toBe(5);
      expect(await bus.deadLetters.count('alpha')).toBe(0);
    });

    it('gives up on a delivery still in hand when stop() runs out of time, and hands it out again', async () => {
      const bus = await start();
      let letGo!: () => void;
      const stuck = new Promise<void>((resolve) => (letGo = resolve));
      const alpha = recordingHandler(bus.db, 'alpha', ['test.happened'], async (_event, call) => {
        if (call > 1) return;
        await stuck;
        throw new Error('cut off by the shutdown'); // its transaction rolls back, late
      });
      await bus.start([alpha]);
      const ids = await bus.publish(testEvents(1));
      await until(
        async () => alpha.calls.size,
        (n) => n > 0,
      );

      const stopping = Date.now();
      expect(await bus.consumers.stop(200)).toBe(1);
      expect(Date.now() - stopping).toBeLessThan(2_500);
      letGo();
      await bus.consumers.start([alpha]);

      const counts = await until(
        () => effectCounts(bus.db, 'alpha'),
        (c) => c.size >= 1,
        10_000,
      );
      expect(exactlyOnce(ids, counts)).toEqual({ missing: 0, duplicated: 0, unexpected: 0, applied: 1 });
      expect(alpha.calls.get(ids[0]!)!.length).toBeGreaterThanOrEqual(2);
    });

    it("continues the producing request's trace in each consumer's handle span", async () => {
      const bus = await start();
      await bus.start([
        recordingHandler(bus.db, 'alpha', ['test.happened', 'test.other']),
        recordingHandler(bus.db, 'beta'),
      ]);
      const { exporter } = testTracing();
      exporter.reset();
      const traceId = await trace.getTracer('test').startActiveSpan('POST /api/v1/posts', async (span) => {
        await bus.publish(testEvents(1));
        span.end();
        return span.spanContext().traceId;
      });

      const spans = await until(
        async () => exporter.getFinishedSpans(),
        (all) => ['handle alpha', 'handle beta'].every((name) => all.some((s) => s.name === name)),
      );
      const publish = spans.find((s) => s.name === 'publish test.happened');
      expect(publish?.spanContext().traceId).toBe(traceId);
      for (const name of ['handle alpha', 'handle beta']) {
        const handle = spans.find((s) => s.name === name)!;
        expect(handle.kind).toBe(SpanKind.CONSUMER);
        expect(handle.spanContext().traceId).toBe(traceId);
        expect(handle.parentSpanContext?.spanId).toBe(publish!.spanContext().spanId);
      }
      exporter.reset();
    });

    it('does not count an event that no consumer takes as published', async () => {
      const bus = await start();
      await bus.start([
        recordingHandler(bus.db, 'alpha', ['test.happened', 'test.other']),
        recordingHandler(bus.db, 'beta'),
      ]);
      const [outcome] = await bus.transport.publish([
        {
          envelope: {
            eventId: '0193f5c2-7a1e-7000-8000-0000000000bb',
            type: 'test.nobody',
            version: 1,
            occurredAt: new Date(),
            payload: {},
          },
          headers: {},
        },
      ]);
      expect(outcome).toMatchObject({ ok: false, error: expect.stringContaining('unroutable') });
    });
  });
}
