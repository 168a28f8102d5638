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
