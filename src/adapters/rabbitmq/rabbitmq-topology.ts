import type { Channel } from 'amqplib';

export interface RabbitMqTopologyOptions {
  /** Prefix of every exchange and queue name, so deployments (and tests) can share a broker. */
  namespace: string;
  retryDelaysMs: readonly number[];
  /** Redeliveries (e.g. a worker killed mid-message) tolerated before RabbitMQ dead-letters a message itself. */
  deliveryLimit: number;
}

/**
 * Names and arguments of everything Rookery declares. Every argument is explicit so that
 * RabbitMQ 3.10 and 4.x behave the same (4.x would otherwise apply a default delivery
 * limit of 20 to quorum queues, and dead-letter at most once).
 *
 *   <ns>.events (topic) ──type──▶ <ns>.<consumer> (quorum) ──consumer──▶ handler
 *        failure: ──▶ <ns>.<consumer>.retry.<delay>ms (quorum, TTL) ──expires──▶ <ns>.<consumer>
 *        give up: ──▶ <ns>.dead-letters (direct) ──consumer──▶ <ns>.<consumer>.dead-letters
 */
export class RabbitMqTopology {
  readonly options: RabbitMqTopologyOptions;

  constructor(options: RabbitMqTopologyOptions) {
    this.options = options;
  }

  get exchange(): string {
    return `${this.options.namespace}.events`;
  }

  get deadLetterExchange(): string {
    return `${this.options.namespace}.dead-letters`;
  }

  queue(consumer: string): string {
    return `${this.options.namespace}.${consumer}`;
  }

  retryQueue(consumer: string, delayMs: number): string {
    return `${this.queue(consumer)}.retry.${delayMs}ms`;
  }

  deadLetterQueue(consumer: string): string {
    return `${this.queue(consumer)}.dead-letters`;
  }

  async declareExchanges(channel: Channel): Promise<void> {
    await channel.assertExchange(this.exchange, 'topic', { durable: true });
    await channel.assertExchange(this.deadLetterExchange, 'direct', { durable: true });
  }

  /** Idempotent: declaring again with the same arguments is a no-op, so every (re)connection does it. */
  async declareConsumer(channel: Channel, consumer: string, eventTypes: readonly string[]): Promise<void> {
    await this.declareExchanges(channel);
    const main = this.queue(consumer);
    await channel.assertQueue(main, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': this.options.deliveryLimit,
        'x-dead-letter-exchange': this.deadLetterExchange,
        'x-dead-letter-routing-key': consumer,
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish',
      },
    });
    for (const type of eventTypes) await channel.bindQueue(main, this.exchange, type);
    for (const delayMs of new Set(this.options.retryDelaysMs)) {
      // One queue per delay: a message's TTL only starts counting at the head of its queue,
      // so mixing delays in one queue would hold short retries behind long ones.
      await channel.assertQueue(this.retryQueue(consumer, delayMs), {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-message-ttl': delayMs,
          'x-delivery-limit': this.options.deliveryLimit,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': main,
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        },
      });
    }
    // Classic on purpose: browsing a queue requeues its messages, and a quorum queue would
    // count that against a delivery limit and eventually drop what an operator looked at.
    const dead = this.deadLetterQueue(consumer);
    await channel.assertQueue(dead, {
      durable: true,
      arguments: { 'x-queue-type': 'classic', 'x-overflow': 'reject-publish' },
    });
    await channel.bindQueue(dead, this.deadLetterExchange, consumer);
  }

  retryDelayFor(attempt: number): number | undefined {
    return this.options.retryDelaysMs[attempt - 1];
  }
}
