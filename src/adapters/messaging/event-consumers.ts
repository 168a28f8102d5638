import type { EventHandler } from '#application/messaging/event-handler.ts';
import type { QueueBacklogSource } from './queue-backlog.ts';

/** Runs handlers on a transport's queues: RabbitMQ or the embedded bus. */
export interface EventConsumers extends QueueBacklogSource {
  start(handlers: readonly EventHandler[]): Promise<void>;
  /** Stops taking deliveries and waits for the ones in hand to settle. */
  stop(): Promise<void>;
}
