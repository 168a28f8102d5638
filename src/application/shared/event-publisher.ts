import type { DomainEvent } from '#domain/shared/domain-event.ts';
import { token } from './token.ts';

/**
 * Announces what happened. Must be called inside `UnitOfWork.transaction`: the events
 * are stored with the state change (transactional outbox) and delivered at least once
 * after the commit. Returns the ids given to the events, in order.
 */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<string[]>;
}
export const EventPublisher = token<EventPublisher>('EventPublisher');
