import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Registry } from 'prom-client';
import type { EventTransport, OutgoingEvent, PublishOutcome } from '../../messaging/event-transport.ts';
import type { Logger } from '../../telemetry/logger.ts';
import { counter, gauge } from '../../telemetry/metrics.ts';

export interface OutboxRelayOptions {
  batchSize: number;
  /** How often to look without being woken (NOTIFY or an in-process commit wakes it sooner). */
  pollIntervalMs: number;
  /** Published rows are deleted after this long. */
  retentionMs: number;
  cleanupIntervalMs: number;
  /** Delay before retrying a row whose publication failed, by number of failures so far. */
  failureBackoffMs: (attempts: number) => number;
}

export const defaultRelayOptions: OutboxRelayOptions = {
  batchSize: 200,
  pollIntervalMs: 1_000,
  retentionMs: 7 * 24 * 3_600_000,
  cleanupIntervalMs: 10 * 60_000,
  failureBackoffMs: (attempts) => Math.min(1_000 * 2 ** attempts, 60_000),
};

interface OutboxRow {
  position: string;
  event_id: string;
  type: string;
  version: number;
  occurred_at: Date | string;
  payload: object;
  headers: Record<string, string>;
  attempts: number;
}

const tracer = trace.getTracer('rookery.outbox');

/**
 * Moves committed events from the outbox to the transport, oldest first. Each batch is
 * claimed with FOR UPDATE SKIP LOCKED inside a transaction that stays open until the
 * transport confirms, so several relays (one per worker) never publish the same row
 * concurrently, and a relay that dies mid-batch leaves its rows to be published again
 * (consumers deduplicate by event id).
 */
export class OutboxRelay {
  private readonly em: SqlEntityManager;
  private readonly transport: EventTransport;
  private readonly logger: Logger;
  private readonly options: OutboxRelayOptions;
  private readonly published;
  private readonly failed;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private running: Promise<void> | null = null;
  private stopping = false;
  private lastCleanup = 0;
  /** Test seam: runs after the transport confirmed a batch, before the rows are marked. */
  afterPublish: ((events: readonly OutgoingEvent[]) => void | Promise<void>) | null = null;

  constructor(
    em: SqlEntityManager,
    transport: EventTransport,
    logger: Logger,
    metrics: Registry,
    options: Partial<OutboxRelayOptions> = {},
  ) {
    this.em = em;
    this.transport = transport;
    this.logger = logger;
    this.options = { ...defaultRelayOptions, ...options };
    this.published = counter(metrics, {
      name: 'events_published_total',
      help: 'Events the outbox relay handed to the transport, confirmed.',
      labelNames: ['type'] as const,
    });
    this.failed = counter(metrics, {
      name: 'events_publish_failures_total',
      help: 'Events the transport did not confirm or could not route; they stay in the outbox and are retried.',
      labelNames: ['type'] as const,
    });
    const db = em;
    gauge(metrics, {
      name: 'outbox_lag_seconds',
      help: 'Age of the oldest event not yet published (0 when the outbox is drained).',
      async collect() {
        const [row] = await db
          .fork()
          .execute<{ lag: number | null }[]>(
            'select extract(epoch from now() - min(created_at))::float8 as lag from outbox where published_at is null',
          );
        this.set(Number(row?.lag ?? 0));
      },
    });
  }

  start(): void {
    this.stopping = false;
    this.running ??= this.loop();
  }

  /** Something was committed: look now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Finishes the batch in flight, then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = null;
  }

  /** Publishes one batch; returns how many rows it claimed. */
  async relayOnce(): Promise<number> {
    const claimed = await this.em.fork().transactional(async (em) => {
      const rows = await em.execute<OutboxRow[]>(
        `select position, event_id, type, version, occurred_at, payload, headers, attempts
           from outbox
          where published_at is null and available_at <= now()
          order by position
          limit ?
          for update skip locked`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      const spans = rows.map((row) => this.startPublishSpan(row));
      const outgoing = rows.map((row, i) => toOutgoing(row, spans[i]!));
      let outcomes: PublishOutcome[];
      try {
        outcomes = await this.transport.publish(outgoing);
      } catch (error) {
        outcomes = rows.map((row) => ({ eventId: row.event_id, ok: false, error: String(error) }));
      }
      await this.afterPublish?.(outgoing);
      await this.record(em, rows, outcomes, spans);
      return rows.length;
    });
    if (claimed > 0) this.transport.committed?.();
    return claimed;
  }

  private async record(em: SqlEntityManager, rows: OutboxRow[], outcomes: PublishOutcome[], spans: Span[]) {
    const byId = new Map(outcomes.map((o) => [o.eventId, o]));
    const done = rows.filter((r) => byId.get(r.event_id)?.ok);
    if (done.length > 0) {
      await em.execute(
        `update outbox set published_at = now(), attempts = attempts + 1, last_error = null
          where position in (${done.map(() => '?').join(', ')})`,
        done.map((r) => r.position),
      );
    }
    rows.forEach((row, i) => {
      const outcome = byId.get(row.event_id);
      const span = spans[i]!;
      if (outcome?.ok) {
        this.published.inc({ type: row.type });
      } else {
        this.failed.inc({ type: row.type });
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome?.error ?? 'no outcome' });
      }
      span.end();
    });
    for (const row of rows.filter((r) => !byId.get(r.event_id)?.ok)) {
      const error = (byId.get(row.event_id) as { error?: string } | undefined)?.error ?? 'no outcome';
      const delay = this.options.failureBackoffMs(row.attempts + 1);
      this.logger.warn(
        { event_id: row.event_id, type: row.type, error, retry_in_ms: delay },
        'event not published',
      );
      await em.execute(
        `update outbox set attempts = attempts + 1, last_error = ?, available_at = now() + (? * interval '1 millisecond')
          where position = ?`,
        [error.slice(0, 2_000), delay, row.position],
      );
    }
  }

  private startPublishSpan(row: OutboxRow): Span {
    const parent = propagation.extract(ROOT_CONTEXT, row.headers ?? {});
    return tracer.startSpan(
      `publish ${row.type}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.operation.type': 'publish',
          'messaging.message.id': row.event_id,
          'rookery.event.type': row.type,
        },
      },
      parent,
    );
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        this.woken = false;
        const claimed = await this.relayOnce();
        await this.cleanupIfDue();
        if (claimed === this.options.batchSize) continue; // more is waiting
      } catch (error) {
        this.logger.error({ err: error }, 'outbox relay failed; retrying');
      }
      if (!this.woken && !this.stopping) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < this.options.cleanupIntervalMs) return;
    this.lastCleanup = Date.now();
    const deleted = await this.deletePublishedBefore(new Date(Date.now() - this.options.retentionMs));
    if (deleted > 0) this.logger.info({ deleted }, 'outbox cleaned up');
  }

  /** Deletes published rows older than `cutoff`, in small batches so no lock is held for long. */
  async deletePublishedBefore(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.em.fork().execute<{ position: string }[]>(
        `delete from outbox where position in (
           select position from outbox where published_at is not null and published_at < ? limit 1000
         ) returning position`,
        [cutoff],
      );
      total += rows.length;
      if (rows.length < 1000) return total;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }
}

function toOutgoing(row: OutboxRow, span: Span): OutgoingEvent {
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return {
    envelope: {
      eventId: row.event_id,
      type: row.type,
      version: row.version,
      occurredAt: new Date(row.occurred_at),
      payload: row.payload,
    },
    headers,
  };
}
