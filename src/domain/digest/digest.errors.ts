import { DomainError } from '../shared/domain-error.ts';

/** An unsubscribe link that was not issued by Rookery, or was altered. */
export class InvalidUnsubscribeToken extends DomainError {
  constructor() {
    super('digest.unsubscribe_token_invalid', 'invalid', 'This unsubscribe link is not valid.');
  }
}
