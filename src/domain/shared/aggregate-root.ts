import type { DomainEvent } from './domain-event.ts';

/**
 * Collects the events an aggregate records while a use case changes it; the unit of
 * work pulls them and writes them to the outbox in the same transaction as the state.
 */
export abstract class AggregateRoot {
  // Not a `#private` field and not initialised inline: the ORM rehydrates aggregates
  // without running the constructor, and a missing `#field` would throw on access.
  private pendingEvents?: DomainEvent[];

  protected record(event: DomainEvent): void {
    (this.pendingEvents ??= []).push(event);
  }

  pullEvents(): DomainEvent[] {
    const events = this.pendingEvents ?? [];
    this.pendingEvents = [];
    return events;
  }
}
