import type { HealthProbe } from '#application/operations/health-probe.ts';
import type { AmqpConnection } from './amqp-connection.ts';

/**
 * Live: opens and closes a channel, a round trip the broker must answer. The connection's
 * own "connected" state lags a partition by up to two heartbeats; the round trip does not
 * (CheckReadiness bounds it with its timeout).
 */
export class RabbitMqHealthProbe implements HealthProbe {
  readonly name = 'broker';
  readonly required = true;
  private readonly connection: AmqpConnection;

  constructor(connection: AmqpConnection) {
    this.connection = connection;
  }

  async check(): Promise<void> {
    if (!this.connection.connected) throw new Error('not connected; reconnecting');
    const opening = this.connection.model.createChannel();
    // Answered after the readiness timeout, the channel is still closed rather than leaked.
    opening.then(
      (channel) => {
        channel.on('error', () => {});
        channel.close().catch(() => {});
      },
      () => {},
    );
    await opening;
  }
}
