import type { Registry } from 'prom-client';
import { gauge } from '../telemetry/metrics.ts';

/** Something that can say how many messages wait in each of its queues. */
export interface QueueBacklogSource {
  backlog(): Promise<Record<string, number>>;
}

/** `event_queue_backlog{queue}`, read from the transport on each scrape. */
export function registerQueueBacklog(metrics: Registry, source: QueueBacklogSource): void {
  gauge(metrics, {
    name: 'event_queue_backlog',
    help: 'Messages waiting in each event queue (consumer queues and their dead letters).',
    labelNames: ['queue'] as const,
    async collect() {
      try {
        for (const [queue, count] of Object.entries(await source.backlog())) this.set({ queue }, count);
      } catch {
        // An unreachable broker is reported by /ready; a scrape must not fail because of it.
      }
    },
  });
}
