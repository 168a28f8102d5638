import type { EventHandler } from '#application/messaging/event-handler.ts';
import type { QueueBacklogSource } from './queue-backlog.ts';

/** Runs handlers on a transport's queues: RabbitMQ or the embedded bus. */
export interface EventConsumers extends QueueBacklogSource {
  start(handlers: readonly EventHandler[]): Promise<void>;
  /**
   * Stops taking deliveries and waits up to `timeoutMs` (no limit by default) for the ones
   * in hand to settle. Those still running then are abandoned unsettled, so the transport
   * delivers them again (to another worker, or to this one's next start) and HandleEventOnce
   * keeps the repeat harmless. Resolves with how many were abandoned.
   */
  stop(timeoutMs?: number): Promise<number>;
}
