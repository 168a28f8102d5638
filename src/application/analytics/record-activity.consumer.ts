import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { ActivityCounter } from './activity-counter.ts';

/**
 * Counts every domain event by type and hour of occurrence. Subscribed to every event
 * type, it is also why no event is ever unroutable. Its effect is a PostgreSQL upsert in
 * the handler's transaction, so HandleEventOnce makes it exactly-once.
 */
export class RecordActivity implements EventHandler {
  readonly consumer = 'activity';
  readonly eventTypes: readonly string[];
  private readonly counter: ActivityCounter;

  constructor(eventTypes: readonly string[], counter: ActivityCounter) {
    this.eventTypes = eventTypes;
    this.counter = counter;
  }

  handle(event: EventEnvelope): Promise<void> {
    return this.counter.increment(event.type, event.occurredAt);
  }
}
