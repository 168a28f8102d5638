import type { DeadLetterStore } from './dead-letter-store.ts';
import { UnknownConsumer } from './dead-letter.errors.ts';

export class PurgeDeadLetters {
  private readonly store: DeadLetterStore;

  constructor(store: DeadLetterStore) {
    this.store = store;
  }

  async execute({ consumer }: { consumer: string }): Promise<{ purged: number }> {
    if (!this.store.consumers.includes(consumer)) throw new UnknownConsumer(consumer, this.store.consumers);
    return { purged: await this.store.purge(consumer) };
  }
}
