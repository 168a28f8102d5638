import { DomainError } from '#domain/shared/domain-error.ts';
import { token } from './token.ts';

/**
 * One atomic change of the source of truth. Everything a use case stages through
 * repositories and the event publisher inside `transaction` commits together or not at
 * all; events are relayed to consumers only after the commit.
 */
export interface UnitOfWork {
  transaction<T>(work: () => Promise<T>): Promise<T>;
}
export const UnitOfWork = token<UnitOfWork>('UnitOfWork');

/**
 * The database cannot take work right now (no connection within the bound, the pool lost
 * its backends): an outage, not the request's fault, so callers answer 503 or retry later.
 */
export class DatabaseUnavailable extends DomainError {
  constructor(reason: string) {
    super('database.unavailable', 'unavailable', `The database is unavailable: ${reason}.`, {
      retry_after: 2,
    });
  }
}
