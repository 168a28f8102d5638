import type { ConfirmChannel, Message } from 'amqplib';
import { encodeEvent } from '../messaging/event-codec.ts';
import type { EventTransport, OutgoingEvent, PublishOutcome } from '../messaging/event-transport.ts';
import type { AmqpConnection } from './amqp-connection.ts';
import type { RabbitMqTopology } from './rabbitmq-topology.ts';

export const ATTEMPT_HEADER = 'x-rookery-attempt';

/**
 * Publishes to the events exchange on a confirm channel with `mandatory`: an event is
 * published only when the broker confirmed it AND did not return it as unroutable (the
 * return always arrives before the confirm).
 */
export class RabbitMqEventTransport implements EventTransport {
  private readonly connection: AmqpConnection;
  private readonly topology: RabbitMqTopology;
  private readonly confirmTimeoutMs: number;
  private channel: Promise<ConfirmChannel> | null = null;
  private readonly returned = new Set<string>();

  constructor(connection: AmqpConnection, topology: RabbitMqTopology, confirmTimeoutMs = 30_000) {
    this.connection = connection;
    this.topology = topology;
    this.confirmTimeoutMs = confirmTimeoutMs;
  }

  async publish(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    const channel = await this.confirmChannel();
    const confirmations: Promise<PublishOutcome>[] = [];
    for (const { envelope, headers } of events) {
      const eventId = envelope.eventId;
      let drained = true;
      confirmations.push(
        this.withTimeout(
          eventId,
          new Promise<PublishOutcome>((resolve) => {
            drained = channel.publish(
              this.topology.exchange,
              envelope.type,
              encodeEvent(envelope),
              {
                persistent: true,
                mandatory: true,
                messageId: eventId,
                type: envelope.type,
                contentType: 'application/json',
                timestamp: Math.floor(envelope.occurredAt.getTime() / 1000),
                headers: { ...headers, [ATTEMPT_HEADER]: 1 },
              },
              (error: unknown) => {
                const wasReturned = this.returned.delete(eventId);
                if (error) resolve({ eventId, ok: false, error: `not confirmed: ${String(error)}` });
                else if (wasReturned)
                  resolve({
                    eventId,
                    ok: false,
                    error: `unroutable: no queue is bound for ${envelope.type}`,
                  });
                else resolve({ eventId, ok: true });
              },
            );
          }),
        ),
      );
      if (!drained) await new Promise((resolve) => channel.once('drain', resolve));
    }
    return Promise.all(confirmations);
  }

  async close(): Promise<void> {
    const channel = await this.channel?.catch(() => null);
    this.channel = null;
    await channel?.close().catch(() => {});
  }

  private confirmChannel(): Promise<ConfirmChannel> {
    this.channel ??= this.connection.createConfirmChannel().then(async (channel) => {
      channel.on('return', (message: Message) => {
        if (message.properties.messageId) this.returned.add(String(message.properties.messageId));
      });
      channel.on('error', () => {});
      channel.on('close', () => {
        this.channel = null;
      });
      await this.topology.declareExchanges(channel);
      return channel;
    });
    this.channel.catch(() => (this.channel = null));
    return this.channel;
  }

  private withTimeout(eventId: string, confirmed: Promise<PublishOutcome>): Promise<PublishOutcome> {
    let timer: ReturnType<typeof setTimeout>;
    const timeout = new Promise<PublishOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ eventId, ok: false, error: `no confirm within ${this.confirmTimeoutMs} ms` }),
        this.confirmTimeoutMs,
      );
    });
    return Promise.race([confirmed, timeout]).finally(() => clearTimeout(timer));
  }
}
