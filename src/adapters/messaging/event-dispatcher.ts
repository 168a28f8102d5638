import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Registry } from 'prom-client';
import type { EventHandler } from '#application/messaging/event-handler.ts';
import type { HandleEventOnce } from '#application/messaging/handle-event-once.use-case.ts';
import type { Logger } from '../telemetry/logger.ts';
import { counter, histogram } from '../telemetry/metrics.ts';
import type { EventCatalog } from './event-catalog.ts';
import { decodeEvent } from './event-codec.ts';
import { decideOnFailure, describe } from './failure-policy.ts';

export interface Delivery {
  body: Buffer | string;
  /** 1 for the first delivery; counted in our own header, never derived from x-death. */
  attempt: number;
  headers: Record<string, unknown>;
}

export type DeliveryResult =
  | { action: 'ack'; outcome: 'handled' | 'duplicate' }
  | { action: 'retry'; delayMs: number; error: string }
  | { action: 'dead-letter'; reason: string };

export interface DispatcherOptions {
  retryDelaysMs: readonly number[];
  /** Opens a fresh persistence scope (identity map) per message. */
  scope: <T>(work: () => Promise<T>) => Promise<T>;
}

const tracer = trace.getTracer('rookery.events');

/**
 * What both transports do with a delivered message: decode and validate it, run the
 * handler exactly once (HandleEventOnce) inside a consumer span that continues the
 * producer's trace, and turn the result into ack / retry / dead-letter.
 */
export class EventDispatcher {
  private readonly handleOnce: HandleEventOnce;
  private readonly catalog: EventCatalog;
  private readonly logger: Logger;
  private readonly options: DispatcherOptions;
  private readonly consumed;
  private readonly retried;
  private readonly deadLettered;
  private readonly duration;

  constructor(
    handleOnce: HandleEventOnce,
    catalog: EventCatalog,
    logger: Logger,
    metrics: Registry,
    options: DispatcherOptions,
  ) {
    this.handleOnce = handleOnce;
    this.catalog = catalog;
    this.logger = logger;
    this.options = options;
    this.consumed = counter(metrics, {
      name: 'events_consumed_total',
      help: 'Deliveries processed, by consumer and outcome (handled, duplicate, retried, dead_lettered).',
      labelNames: ['consumer', 'outcome'] as const,
    });
    this.retried = counter(metrics, {
      name: 'events_retried_total',
      help: 'Deliveries scheduled for another attempt after a transient failure.',
      labelNames: ['consumer'] as const,
    });
    this.deadLettered = counter(metrics, {
      name: 'events_dead_lettered_total',
      help: 'Deliveries moved to a dead-letter queue.',
      labelNames: ['consumer', 'reason'] as const,
    });
    this.duration = histogram(metrics, {
      name: 'event_handler_duration_seconds',
      help: 'Time to handle one delivery, by consumer.',
      labelNames: ['consumer'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
  }

  get maxAttempts(): number {
    return this.options.retryDelaysMs.length + 1;
  }

  async dispatch(handler: EventHandler, delivery: Delivery): Promise<DeliveryResult> {
    const end = this.duration.startTimer({ consumer: handler.consumer });
    const parent = trace.getActiveSpan()
      ? context.active()
      : propagation.extract(context.active(), stringHeaders(delivery.headers));
    const span = tracer.startSpan(
      `handle ${handler.consumer}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.consumer.group.name': handler.consumer,
          'rookery.delivery.attempt': delivery.attempt,
        },
      },
      parent,
    );
    try {
      return await context.with(trace.setSpan(parent, span), () => this.run(handler, delivery, span));
    } finally {
      span.end();
      end();
    }
  }

  private async run(handler: EventHandler, delivery: Delivery, span: ReturnType<typeof tracer.startSpan>) {
    const consumer = handler.consumer;
    try {
      const event = decodeEvent(delivery.body, this.catalog);
      span.setAttributes({ 'messaging.message.id': event.eventId, 'rookery.event.type': event.type });
      const outcome = await this.options.scope(() => this.handleOnce.execute({ handler, event }));
      this.consumed.inc({ consumer, outcome });
      return { action: 'ack', outcome } as const;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: describe(error) });
      const decision = decideOnFailure(error, delivery.attempt, this.options.retryDelaysMs);
      if (decision.action === 'retry') {
        this.consumed.inc({ consumer, outcome: 'retried' });
        this.retried.inc({ consumer });
        this.logger.warn(
          { consumer, attempt: delivery.attempt, retry_in_ms: decision.delayMs, err: error },
          'event handling failed; will retry',
        );
        return { action: 'retry', delayMs: decision.delayMs, error: describe(error) } as const;
      }
      this.consumed.inc({ consumer, outcome: 'dead_lettered' });
      this.deadLettered.inc({
        consumer,
        reason: decision.reason.startsWith('permanent') ? 'permanent' : 'exhausted',
      });
      this.logger.error(
        { consumer, attempt: delivery.attempt, reason: decision.reason },
        'event dead-lettered',
      );
      return decision;
    }
  }
}

function stringHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}
