import type { ProcessedEvents } from '#application/messaging/processed-events.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export class InMemoryProcessedEvents implements ProcessedEvents {
  readonly records = new Set<string>();
  private readonly uow: InMemoryUnitOfWork;

  constructor(uow: InMemoryUnitOfWork) {
    this.uow = uow;
  }

  async markProcessed(consumer: string, eventId: string): Promise<boolean> {
    const key = `${consumer}/${eventId}`;
    if (this.records.has(key)) return false;
    this.uow.staged(() => this.records.delete(key));
    this.records.add(key);
    return true;
  }
}
