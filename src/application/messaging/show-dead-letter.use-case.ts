import type { DeadLetter, DeadLetterStore } from './dead-letter-store.ts';
import { DeadLetterNotFound, UnknownConsumer } from './dead-letter.errors.ts';

export interface ShowDeadLetterQuery {
  consumer: string;
  eventId: string;
}

export class ShowDeadLetter {
  private readonly store: DeadLetterStore;

  constructor(store: DeadLetterStore) {
    this.store = store;
  }

  async execute({ consumer, eventId }: ShowDeadLetterQuery): Promise<DeadLetter> {
    if (!this.store.consumers.includes(consumer)) throw new UnknownConsumer(consumer, this.store.consumers);
    const all = await this.store.list(consumer, Number.MAX_SAFE_INTEGER);
    const found = all.find((d) => d.eventId === eventId);
    if (!found) throw new DeadLetterNotFound(consumer, eventId);
    return found;
  }
}
