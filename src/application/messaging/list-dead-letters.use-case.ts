import type { DeadLetter, DeadLetterStore } from './dead-letter-store.ts';
import { UnknownConsumer } from './dead-letter.errors.ts';

export interface ListDeadLettersQuery {
  consumer: string;
  limit: number;
}

export class ListDeadLetters {
  private readonly store: DeadLetterStore;

  constructor(store: DeadLetterStore) {
    this.store = store;
  }

  async execute({ consumer, limit }: ListDeadLettersQuery): Promise<{ total: number; items: DeadLetter[] }> {
    if (!this.store.consumers.includes(consumer)) throw new UnknownConsumer(consumer, this.store.consumers);
    const [total, items] = await Promise.all([this.store.count(consumer), this.store.list(consumer, limit)]);
    return { total, items };
  }
}
