import type { SqlEntityManager } from '@mikro-orm/sql';
import type { EventHandler } from '#application/messaging/event-handler.ts';
import type { DeliveryResult, EventDispatcher } from '../messaging/event-dispatcher.ts';
import { settlesWithin } from '../system/settles-within.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { EmbeddedEventBus } from './embedded-event-bus.ts';

export interface EmbeddedConsumerOptions {
  prefetch: number;
  pollIntervalMs: number;
  /** A claimed delivery whose worker died becomes available again after this long. */
  leaseMs: number;
  /**
   * The database is this process's alone (PGlite): a lease found at start was left by an
   * earlier run that was cut off or killed, so it is released at once instead of after leaseMs.
   */
  exclusiveDatabase?: boolean;
}

interface ClaimedDelivery {
  id: string;
  event_id: string;
  attempt: number;
  message: { body: string; headers: Record<string, unknown> };
}

/**
 * Consumes `bus_deliveries` with the same rules as the RabbitMQ consumers: at most
 * `prefetch` messages in hand per consumer, settled only after the handler's transaction
 * committed; retries wait their backoff in `available_at`, dead letters stay in the table.
 * Claims are leases, so deliveries of a process that died are picked up again.
 */
export class EmbeddedEventConsumers {
  private readonly em: SqlEntityManager;
  private readonly bus: EmbeddedEventBus;
  private readonly dispatcher: EventDispatcher;
  private readonly logger: Logger;
  private readonly options: EmbeddedConsumerOptions;
  private readonly loops: Promise<void>[] = [];
  /** Claimed deliveries whose handler has not settled yet, by id, across all consumers. */
  private readonly unsettled = new Set<string>();
  private readonly wakers = new Set<() => void>();
  private stopping = false;
  private handlers: readonly EventHandler[] = [];
  private unsubscribe: (() => void) | null = null;

  constructor(
    em: SqlEntityManager,
    bus: EmbeddedEventBus,
    dispatcher: EventDispatcher,
    logger: Logger,
    options: EmbeddedConsumerOptions,
  ) {
    this.em = em;
    this.bus = bus;
    this.dispatcher = dispatcher;
    this.logger = logger;
    this.options = options;
  }

  async start(handlers: readonly EventHandler[]): Promise<void> {
    this.handlers = handlers;
    this.stopping = false;
    if (this.options.exclusiveDatabase) {
      const released = await this.em
        .fork()
        .execute<{ id: string }[]>(
          'update bus_deliveries set locked_until = null where locked_until is not null returning id',
        );
      if (released.length > 0)
        this.logger.info({ released: released.length }, 'embedded bus: released leases of an earlier run');
    }
    this.unsubscribe = this.bus.onPublished(() => this.wakers.forEach((wake) => wake()));
    for (const handler of handlers) this.loops.push(this.loop(handler));
  }

  /** Deliveries waiting per consumer (`<consumer>`) and dead letters (`<consumer>.dead-letters`). */
  async backlog(): Promise<Record<string, number>> {
    const rows = await this.em.fork().execute<{ consumer: string; waiting: string; dead: string }[]>(
      `select consumer, count(*) filter (where dead_lettered_at is null) as waiting,
              count(*) filter (where dead_lettered_at is not null) as dead
         from bus_deliveries group by consumer`,
    );
    const counts: Record<string, number> = {};
    for (const { consumer } of this.handlers) {
      counts[consumer] = 0;
      counts[`${consumer}.dead-letters`] = 0;
    }
    for (const row of rows) {
      counts[row.consumer] = Number(row.waiting);
      counts[`${row.consumer}.dead-letters`] = Number(row.dead);
    }
    return counts;
  }

  /**
   * Stops claiming and lets the deliveries in hand finish within `timeoutMs`. The leases of
   * unfinished ones are given back, so that they are claimed again at once rather than after
   * leaseMs: here on PostgreSQL (bounded, in case the database is what they are stuck on);
   * at the next start on PGlite, where a handler stuck in its transaction holds the only
   * connection and nothing else could run.
   */
  async stop(timeoutMs = Infinity): Promise<number> {
    this.stopping = true;
    this.unsubscribe?.();
    this.wakers.forEach((wake) => wake());
    const drained = await settlesWithin(Promise.allSettled(this.loops), timeoutMs);
    this.loops.length = 0;
    const abandoned = [...this.unsettled];
    if (drained || abandoned.length === 0) return 0;
    this.logger.warn(
      { abandoned: abandoned.length, timeout_ms: timeoutMs },
      'deliveries still in hand at the shutdown deadline; left for redelivery',
    );
    if (this.options.exclusiveDatabase) return abandoned.length;
    const release = this.em
      .fork()
      .execute(
        `update bus_deliveries set locked_until = null where id in (${abandoned.map(() => '?').join(', ')})`,
        abandoned,
      );
    await settlesWithin(release, 1_000);
    return abandoned.length;
  }

  private async loop(handler: EventHandler): Promise<void> {
    const inHand = new Set<Promise<void>>();
    while (!this.stopping) {
      let claimed: ClaimedDelivery[] = [];
      try {
        const room = this.options.prefetch - inHand.size;
        if (room > 0) claimed = await this.claim(handler.consumer, room);
      } catch (error) {
        this.logger.error(
          { err: error, consumer: handler.consumer },
          'embedded bus: claiming deliveries failed',
        );
      }
      for (const delivery of claimed) {
        this.unsettled.add(delivery.id);
        const work = this.process(handler, delivery).finally(() => {
          inHand.delete(work);
          this.unsettled.delete(delivery.id);
        });
        inHand.add(work);
      }
      if (claimed.length > 0 && inHand.size < this.options.prefetch) continue;
      await this.idle(inHand);
    }
    await Promise.allSettled([...inHand]);
  }

  /** Waits for a wake-up, a free slot, or the poll interval, whichever comes first. */
  private idle(inHand: Set<Promise<void>>): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.wakers.add(done);
      if (inHand.size >= this.options.prefetch) void Promise.race(inHand).then(done, done);
    });
  }

  private claim(consumer: string, limit: number): Promise<ClaimedDelivery[]> {
    return this.em.fork().execute<ClaimedDelivery[]>(
      `update bus_deliveries set locked_until = now() + (? * interval '1 millisecond')
        where id in (
          select id from bus_deliveries
           where consumer = ? and dead_lettered_at is null and available_at <= now()
             and (locked_until is null or locked_until < now())
           order by id limit ? for update skip locked)
        returning id, event_id, attempt, message`,
      [this.options.leaseMs, consumer, limit],
    );
  }

  private async process(handler: EventHandler, delivery: ClaimedDelivery): Promise<void> {
    const result = await this.dispatcher.dispatch(handler, {
      body: delivery.message.body,
      attempt: delivery.attempt,
      headers: delivery.message.headers ?? {},
    });
    try {
      await this.settle(delivery, result);
    } catch (error) {
      // The lease expires and the delivery is claimed again; the repeat is deduplicated.
      this.logger.error(
        { err: error, consumer: handler.consumer },
        'embedded bus: settling a delivery failed',
      );
    }
  }

  private async settle(delivery: ClaimedDelivery, result: DeliveryResult): Promise<void> {
    const em = this.em.fork();
    if (result.action === 'ack') {
      await em.execute('delete from bus_deliveries where id = ?', [delivery.id]);
    } else if (result.action === 'retry') {
      await em.execute(
        `update bus_deliveries set attempt = attempt + 1, last_error = ?, locked_until = null,
                available_at = now() + (? * interval '1 millisecond') where id = ?`,
        [result.error.slice(0, 1_000), result.delayMs, delivery.id],
      );
    } else {
      await em.execute(
        'update bus_deliveries set dead_lettered_at = now(), locked_until = null, last_error = ? where id = ?',
        [result.reason.slice(0, 4_000), delivery.id],
      );
    }
  }
}
