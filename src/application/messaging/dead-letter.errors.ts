import { DomainError } from '#domain/shared/domain-error.ts';

export class UnknownConsumer extends DomainError {
  constructor(consumer: string, known: readonly string[]) {
    super('dead_letters.unknown_consumer', 'not_found', `No consumer named "${consumer}".`, {
      consumers: known,
    });
  }
}

export class DeadLetterNotFound extends DomainError {
  constructor(consumer: string, eventId: string) {
    super('dead_letters.not_found', 'not_found', `No dead letter ${eventId} for consumer "${consumer}".`);
  }
}
