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
    // An unreachable broker is reported by /ready; gauge() leaves these samples out of the
    // scrape (and counts the failure) rather than failing or hanging it.
    async collect() {
      const counts = await source.backlog();
      this.reset();
      for (const [queue, count] of Object.entries(counts)) this.set({ queue }, count);
    },
  });
}
