import type { EventPublisher } from '#application/shared/event-publisher.ts';
import type { DomainEvent } from '#domain/shared/domain-event.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

/** Keeps what use cases publish; like the outbox, only inside a transaction and only if it commits. */
export class RecordingEventPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  private readonly uow: InMemoryUnitOfWork;
  private counter = 0;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async publish(events: readonly DomainEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const before = this.published.length;
    this.uow.staged(() => this.published.splice(before));
    this.published.push(...events);
    return events.map(() => `00000000-0000-7000-9000-${(++this.counter).toString(16).padStart(12, '0')}`);
  }

  types(): string[] {
    return this.published.map((e) => e.type);
  }
}
