import { token } from '../shared/token.ts';

/** What each consumer has already handled, recorded in the handler's own unit of work. */
export interface ProcessedEvents {
  /**
   * Records that `consumer` handled `eventId`; false when it already had (a redelivery).
   * Must be called inside `UnitOfWork.transaction`: if the handler fails, the record goes too.
   */
  markProcessed(consumer: string, eventId: string): Promise<boolean>;
}
export const ProcessedEvents = token<ProcessedEvents>('ProcessedEvents');
