import type { HealthProbe } from '#application/operations/health-probe.ts';
import type { AmqpConnection } from './amqp-connection.ts';

export class RabbitMqHealthProbe implements HealthProbe {
  readonly name = 'broker';
  readonly required = true;
  private readonly connection: AmqpConnection;

  constructor(connection: AmqpConnection) {
    this.connection = connection;
  }

  async check(): Promise<void> {
    if (!this.connection.connected) throw new Error('not connected; reconnecting');
  }
}
