import type { Container } from 'inversify';
import type { Registry } from 'prom-client';
import type { EventConsumers } from '#adapters/messaging/event-consumers.ts';
import { registerQueueBacklog } from '#adapters/messaging/queue-backlog.ts';
import type { OutboxRelay } from '#adapters/postgres/messaging/outbox-relay.ts';
import type { PostgresOutboxListener } from '#adapters/postgres/messaging/postgres-outbox-listener.ts';
import { settlesWithin } from '#adapters/system/settles-within.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { Tokens } from '../container/tokens.ts';

export interface RunningEventProcessing {
  consumers: EventConsumers;
  relay: OutboxRelay;
  /**
   * Consumers and relay finish what they hold within `timeoutMs`; resolves with whether
   * anything was cut off (its database work is then still holding a connection).
   */
  stop(timeoutMs?: number): Promise<{ cut: boolean }>;
}

/**
 * The worker's job: declare and consume every handler's queue, then relay the outbox
 * (consumers first, so that their queues exist before anything is published to them).
 */
export async function startEventProcessing(
  container: Container,
  logger: Logger,
): Promise<RunningEventProcessing> {
  const handlers = container.getAll<EventHandler>(EventHandlers, { optional: true });
  const consumers = container.get<EventConsumers>(Tokens.EventConsumers);
  const relay = container.get<OutboxRelay>(Tokens.OutboxRelay);
  const listener = container.isBound(Tokens.OutboxListener)
    ? container.get<PostgresOutboxListener>(Tokens.OutboxListener)
    : null;
  await consumers.start(handlers);
  registerQueueBacklog(container.get<Registry>(Tokens.Metrics), consumers);
  relay.start();
  await listener?.start();
  logger.info({ consumers: handlers.map((h) => h.consumer) }, 'event processing started');
  return {
    consumers,
    relay,
    async stop(timeoutMs = Infinity) {
      // A relay cut mid-batch rolls back and leaves its rows to be published again.
      const [abandoned, relayed] = await Promise.all([
        consumers.stop(timeoutMs),
        settlesWithin(relay.stop(), timeoutMs),
      ]);
      await listener?.stop();
      if (!relayed) logger.warn({ timeout_ms: timeoutMs }, 'outbox relay cut off at the shutdown deadline');
      return { cut: abandoned > 0 || !relayed };
    },
  };
}
