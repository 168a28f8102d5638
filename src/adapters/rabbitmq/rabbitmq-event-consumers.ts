import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { EventHandler } from '#application/messaging/event-handler.ts';
import type { DeliveryResult, EventDispatcher } from '../messaging/event-dispatcher.ts';
import { settlesWithin } from '../system/settles-within.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { AmqpConnection } from './amqp-connection.ts';
import { ATTEMPT_HEADER } from './rabbitmq-event-transport.ts';
import type { RabbitMqTopology } from './rabbitmq-topology.ts';

interface Subscription {
  handler: EventHandler;
  channel: Channel;
  confirm: ConfirmChannel;
  consumerTag: string;
}

/**
 * Runs each handler on its own queue and channel with a prefetch window. A message is
 * acknowledged only after its handler's transaction committed, or after its retry / dead
 * letter copy was confirmed by the broker; if the channel dies first, RabbitMQ redelivers
 * it and HandleEventOnce makes the repeat harmless.
 */
export class RabbitMqEventConsumers {
  private readonly connection: AmqpConnection;
  private readonly topology: RabbitMqTopology;
  private readonly dispatcher: EventDispatcher;
  private readonly logger: Logger;
  private readonly prefetch: number;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly inFlight = new Set<Promise<void>>();
  private handlers: readonly EventHandler[] = [];
  private stopping = false;
  private unsubscribeReconnect: (() => void) | null = null;

  constructor(
    connection: AmqpConnection,
    topology: RabbitMqTopology,
    dispatcher: EventDispatcher,
    logger: Logger,
    prefetch: number,
  ) {
    this.connection = connection;
    this.topology = topology;
    this.dispatcher = dispatcher;
    this.logger = logger;
    this.prefetch = prefetch;
  }

  async start(handlers: readonly EventHandler[]): Promise<void> {
    this.handlers = handlers;
    this.stopping = false;
    this.unsubscribeReconnect = this.connection.onReconnect((model) => this.subscribeAll(model));
    await this.subscribeAll(this.connection.model);
  }

  /** Every handler consumes on an open channel (liveness: channels die with their connection). */
  attached(): boolean {
    return !this.stopping && this.handlers.every((h) => this.subscriptions.has(h.consumer));
  }

  /** Messages waiting in each consumer's queue and dead-letter queue. */
  async backlog(): Promise<Record<string, number>> {
    const channel = await this.connection.createConfirmChannel();
    channel.on('error', () => {});
    try {
      const counts: Record<string, number> = {};
      for (const { consumer } of this.handlers) {
        for (const queue of [this.topology.queue(consumer), this.topology.deadLetterQueue(consumer)]) {
          counts[queue] = (await channel.checkQueue(queue)).messageCount;
        }
      }
      return counts;
    } finally {
      await channel.close().catch(() => {});
    }
  }

  /**
   * Stops taking messages, lets the ones in hand finish within `timeoutMs`, then closes the
   * channels: whatever is still unacknowledged goes back to its queue for redelivery.
   */
  async stop(timeoutMs = Infinity): Promise<number> {
    this.stopping = true;
    this.unsubscribeReconnect?.();
    await Promise.allSettled([...this.subscriptions.values()].map((s) => s.channel.cancel(s.consumerTag)));
    const abandoned = (await settlesWithin(Promise.allSettled([...this.inFlight]), timeoutMs))
      ? 0
      : this.inFlight.size;
    if (abandoned > 0)
      this.logger.warn(
        { abandoned, timeout_ms: timeoutMs },
        'messages still in hand at the shutdown deadline; left unacknowledged for redelivery',
      );
    await Promise.allSettled(
      [...this.subscriptions.values()].flatMap((s) => [s.channel.close(), s.confirm.close()]),
    );
    this.subscriptions.clear();
    return abandoned;
  }

  private async subscribeAll(
    model: Pick<ChannelModel, 'createChannel' | 'createConfirmChannel'>,
  ): Promise<void> {
    for (const handler of this.handlers) await this.subscribe(model, handler);
  }

  private async subscribe(
    model: Pick<ChannelModel, 'createChannel' | 'createConfirmChannel'>,
    handler: EventHandler,
  ): Promise<void> {
    if (this.stopping) return;
    const channel = await model.createChannel();
    const confirm = await model.createConfirmChannel();
    for (const ch of [channel, confirm])
      ch.on('error', (error: Error) => this.logger.warn({ err: error }, 'amqp channel error'));
    await this.topology.declareConsumer(channel, handler.consumer, handler.eventTypes);
    await channel.prefetch(this.prefetch);
    const { consumerTag } = await channel.consume(
      this.topology.queue(handler.consumer),
      (message) => {
        if (!message) return this.resubscribeLater(model, handler); // cancelled by the broker
        this.track(this.onMessage(handler, channel, confirm, message));
      },
      { noAck: false },
    );
    this.subscriptions.set(handler.consumer, { handler, channel, confirm, consumerTag });
    channel.on('close', () => {
      if (this.subscriptions.get(handler.consumer)?.channel === channel)
        this.subscriptions.delete(handler.consumer);
    });
  }

  private resubscribeLater(
    model: Pick<ChannelModel, 'createChannel' | 'createConfirmChannel'>,
    handler: EventHandler,
  ) {
    if (this.stopping) return;
    this.logger.warn({ consumer: handler.consumer }, 'consumer cancelled by the broker; resubscribing');
    setTimeout(() => void this.subscribe(model, handler).catch(() => {}), 1_000);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async onMessage(
    handler: EventHandler,
    channel: Channel,
    confirm: ConfirmChannel,
    message: ConsumeMessage,
  ) {
    const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
    const attempt = Math.max(1, Number(headers[ATTEMPT_HEADER] ?? 1) || 1);
    const result = await this.dispatcher.dispatch(handler, { body: message.content, attempt, headers });
    try {
      await this.settle(handler, confirm, message, headers, attempt, result);
      channel.ack(message);
    } catch (error) {
      // The channel or connection went away: the broker will redeliver, and the repeat is deduplicated.
      this.logger.warn(
        { err: error, consumer: handler.consumer },
        'could not settle a message; it will be redelivered',
      );
    }
  }

  private async settle(
    handler: EventHandler,
    confirm: ConfirmChannel,
    message: ConsumeMessage,
    headers: Record<string, unknown>,
    attempt: number,
    result: DeliveryResult,
  ): Promise<void> {
    if (result.action === 'ack') return;
    const properties: Options.Publish = {
      persistent: true,
      messageId: message.properties.messageId,
      type: message.properties.type,
      contentType: message.properties.contentType,
      timestamp: message.properties.timestamp,
    };
    if (result.action === 'retry') {
      await publishConfirmed(
        confirm,
        '',
        this.topology.retryQueue(handler.consumer, result.delayMs),
        message.content,
        {
          ...properties,
          headers: {
            ...headers,
            [ATTEMPT_HEADER]: attempt + 1,
            'x-rookery-last-error': result.error.slice(0, 1_000),
          },
        },
      );
      return;
    }
    await publishConfirmed(confirm, this.topology.deadLetterExchange, handler.consumer, message.content, {
      ...properties,
      headers: {
        ...headers,
        [ATTEMPT_HEADER]: attempt,
        'x-rookery-error': result.reason.slice(0, 4_000),
        'x-rookery-dead-lettered-at': new Date().toISOString(),
      },
    });
  }
}

export function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      channel.publish(exchange, routingKey, content, options, (error: unknown) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
      );
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
