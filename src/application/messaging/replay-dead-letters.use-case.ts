import type { DeadLetterStore } from './dead-letter-store.ts';
import { DeadLetterNotFound, UnknownConsumer } from './dead-letter.errors.ts';

export interface ReplayDeadLettersCommand {
  consumer: string;
  /** Only this one; all of the consumer's dead letters when omitted. */
  eventId?: string | undefined;
}

export class ReplayDeadLetters {
  private readonly store: DeadLetterStore;

  constructor(store: DeadLetterStore) {
    this.store = store;
  }

  async execute({ consumer, eventId }: ReplayDeadLettersCommand): Promise<{ replayed: number }> {
    if (!this.store.consumers.includes(consumer)) throw new UnknownConsumer(consumer, this.store.consumers);
    const replayed = await this.store.replay(consumer, eventId);
    if (eventId && replayed === 0) throw new DeadLetterNotFound(consumer, eventId);
    return { replayed };
  }
}
