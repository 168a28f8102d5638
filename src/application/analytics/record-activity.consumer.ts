import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { ActivityCounter } from './activity-counter.ts';

/**
 * Counts every domain event by type and hour of occurrence, except the feed's own pipeline
 * events (`feed.*`: bookkeeping between the feed's workers, one per fan-out chunk or cache
 * update, not activity; counting them cost a transaction each). Subscribed to every other
 * type, it is also why no event is ever unroutable (the feed's consumers take every
 * `feed.*` type). Its effect is a PostgreSQL upsert in the handler's transaction, so
 * HandleEventOnce makes it exactly-once.
 */
export class RecordActivity implements EventHandler {
  readonly consumer = 'activity';
  readonly eventTypes: readonly string[];
  private readonly counter: ActivityCounter;

  constructor(eventTypes: readonly string[], counter: ActivityCounter) {
    this.eventTypes = eventTypes.filter((type) => !type.startsWith('feed.'));
    this.counter = counter;
  }

  handle(event: EventEnvelope): Promise<void> {
    return this.counter.increment(event.type, event.occurredAt);
  }
}
