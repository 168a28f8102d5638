import { connect } from 'amqplib';
import { RabbitMqTopology } from '#adapters/rabbitmq/rabbitmq-topology.ts';

/** Deletes what a test deployment declared on the shared broker (there is no management API here). */
export async function deleteRabbitNamespace(
  amqpUrl: string,
  namespace: string,
  consumers: readonly string[],
  retryDelaysMs: readonly number[],
): Promise<void> {
  const topology = new RabbitMqTopology({ namespace, retryDelaysMs, deliveryLimit: 1 });
  const connection = await connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => {});
    for (const consumer of consumers) {
      for (const queue of [
        topology.queue(consumer),
        topology.deadLetterQueue(consumer),
        ...retryDelaysMs.map((d) => topology.retryQueue(consumer, d)),
      ]) {
        await channel.deleteQueue(queue);
      }
    }
    await channel.deleteExchange(topology.exchange);
    await channel.deleteExchange(topology.deadLetterExchange);
  } finally {
    await connection.close();
  }
}
