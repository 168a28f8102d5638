import { connect, type ChannelModel, type ConfirmChannel, type RecoveringChannelModel } from 'amqplib';
import type { Logger } from '../telemetry/logger.ts';

/**
 * A connection to RabbitMQ that reconnects by itself with capped exponential backoff.
 * Channels die with their connection: whoever holds one registers with `onReconnect`
 * and re-creates it (and re-declares topology) every time the connection comes back.
 */
export class AmqpConnection {
  readonly model: RecoveringChannelModel;
  readonly logger: Logger;
  #connected = false;
  #everConnected = false;
  #listeners = new Set<(model: ChannelModel) => Promise<void>>();

  private constructor(model: RecoveringChannelModel, logger: Logger) {
    this.model = model;
    this.logger = logger;
    model.on('connect', (raw: ChannelModel) => {
      const reconnection = this.#everConnected;
      this.#everConnected = true;
      this.#connected = true;
      if (!reconnection) return;
      logger.info('amqp reconnected');
      for (const listener of this.#listeners) {
        listener(raw).catch((error: unknown) =>
          logger.error({ err: error }, 'amqp re-setup after reconnect failed'),
        );
      }
    });
    model.on('disconnect', (error: Error) => {
      this.#connected = false;
      logger.warn({ err: error }, 'amqp connection lost; reconnecting');
    });
    model.on('reconnect-failed', (error: Error) =>
      logger.error({ err: error }, 'amqp reconnection abandoned'),
    );
    model.on('error', (error: Error) => logger.warn({ err: error }, 'amqp connection error'));
    model.on('blocked', (reason: string) => logger.warn({ reason }, 'amqp connection blocked by the broker'));
  }

  static async open(
    url: string,
    logger: Logger,
    options: {
      heartbeatSeconds?: number;
      /** Bounds TCP connect plus the AMQP handshake of every attempt (first and reconnects). */
      connectTimeoutMs?: number;
      /** Attempts after the first before `open` gives up; reconnects later retry forever. */
      connectRetries?: number;
    } = {},
  ): Promise<AmqpConnection> {
    const withHeartbeat = new URL(url);
    if (!withHeartbeat.searchParams.has('heartbeat')) {
      withHeartbeat.searchParams.set('heartbeat', String(options.heartbeatSeconds ?? 15));
    }
    const model = await connect(withHeartbeat.toString(), {
      // Without it, Nagle's algorithm holds a publish behind the previous small frame (an
      // ack) until the broker's delayed TCP ACK: ~40 ms added to every confirm.
      noDelay: true,
      // A peer that accepts TCP and never speaks AMQP (a half-dead broker, a wrong port behind
      // a balancer) would otherwise hold the attempt forever: the socket times out, the
      // attempt fails and recovery retries with backoff.
      timeout: options.connectTimeoutMs ?? 5_000,
      clientProperties: { connection_name: `rookery:${process.pid}` },
      recovery: {
        initialDelay: 200,
        maxDelay: 5_000,
        waitForConnect: false,
        initialMaxRetries: options.connectRetries ?? 20,
      },
    });
    const connection = new AmqpConnection(model, logger);
    await model.waitForConnect();
    connection.#connected = true;
    connection.#everConnected = true;
    return connection;
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Called after every reconnection (not the first connection), with the new connection. */
  onReconnect(listener: (model: ChannelModel) => Promise<void>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A confirm channel on the current connection, waiting for a reconnection if needed. */
  createConfirmChannel(): Promise<ConfirmChannel> {
    return this.model.createConfirmChannel();
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await this.model.close();
  }
}
