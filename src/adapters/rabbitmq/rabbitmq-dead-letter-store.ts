import type { ConfirmChannel, GetMessage } from 'amqplib';
import type { DeadLetter, DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import type { AmqpConnection } from './amqp-connection.ts';
import { publishConfirmed } from './rabbitmq-event-consumers.ts';
import { ATTEMPT_HEADER } from './rabbitmq-event-transport.ts';
import type { RabbitMqTopology } from './rabbitmq-topology.ts';

/**
 * Dead letters live in each consumer's `.dead-letters` queue. Browsing takes messages
 * without acknowledging them and closes the channel, which puts them all back.
 */
export class RabbitMqDeadLetterStore implements DeadLetterStore {
  readonly consumers: readonly string[];
  private readonly connection: AmqpConnection;
  private readonly topology: RabbitMqTopology;

  constructor(connection: AmqpConnection, topology: RabbitMqTopology, consumers: readonly string[]) {
    this.connection = connection;
    this.topology = topology;
    this.consumers = consumers;
  }

  count(consumer: string): Promise<number> {
    return this.withChannel(
      async (channel) => (await channel.checkQueue(this.topology.deadLetterQueue(consumer))).messageCount,
    );
  }

  list(consumer: string, limit: number): Promise<DeadLetter[]> {
    return this.withChannel(async (channel) => {
      const items: DeadLetter[] = [];
      for await (const message of this.browse(channel, consumer)) {
        if (items.length >= limit) break;
        items.push(toDeadLetter(consumer, message));
      }
      return items;
    });
  }

  replay(consumer: string, eventId?: string): Promise<number> {
    return this.withChannel(async (channel) => {
      let replayed = 0;
      for await (const message of this.browse(channel, consumer)) {
        if (eventId && message.properties.messageId !== eventId) continue;
        const headers = { ...(message.properties.headers ?? {}) } as Record<string, unknown>;
        delete headers['x-death'];
        delete headers['x-rookery-error'];
        await publishConfirmed(channel, '', this.topology.queue(consumer), message.content, {
          persistent: true,
          messageId: message.properties.messageId,
          type: message.properties.type,
          contentType: message.properties.contentType,
          timestamp: message.properties.timestamp,
          headers: { ...headers, [ATTEMPT_HEADER]: 1, 'x-rookery-replayed-at': new Date().toISOString() },
        });
        channel.ack(message);
        replayed++;
        if (eventId) break;
      }
      return replayed;
    });
  }

  purge(consumer: string): Promise<number> {
    return this.withChannel(
      async (channel) => (await channel.purgeQueue(this.topology.deadLetterQueue(consumer))).messageCount,
    );
  }

  /** Each message at most once: stops after as many gets as the queue held when it started. */
  private async *browse(channel: ConfirmChannel, consumer: string): AsyncGenerator<GetMessage> {
    const queue = this.topology.deadLetterQueue(consumer);
    const { messageCount } = await channel.checkQueue(queue);
    for (let i = 0; i < messageCount; i++) {
      const message = await channel.get(queue, { noAck: false });
      if (!message) return;
      yield message;
    }
  }

  private async withChannel<T>(work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
    const channel = await this.connection.createConfirmChannel();
    channel.on('error', () => {});
    try {
      return await work(channel);
    } finally {
      await channel.close().catch(() => {});
    }
  }
}

function toDeadLetter(consumer: string, message: GetMessage): DeadLetter {
  const headers = (message.properties.headers ?? {}) as Record<string, unknown>;
  const death = (headers['x-death'] as { reason?: string }[] | undefined)?.[0];
  const at = headers['x-rookery-dead-lettered-at'];
  return {
    consumer,
    eventId: message.properties.messageId ? String(message.properties.messageId) : null,
    type: message.properties.type ? String(message.properties.type) : null,
    attempts: Number(headers[ATTEMPT_HEADER] ?? 1),
    error: String(
      headers['x-rookery-error'] ?? (death ? `dead-lettered by the broker: ${death.reason}` : 'unknown'),
    ),
    deadLetteredAt: typeof at === 'string' ? new Date(at) : null,
    body: message.content.toString('utf8'),
  };
}
