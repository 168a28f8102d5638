import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { EventHandler } from './event-handler.ts';
import type { ProcessedEvents } from './processed-events.ts';

export interface HandleEventOnceCommand {
  handler: EventHandler;
  event: EventEnvelope;
}

export type HandleOutcome = 'handled' | 'duplicate';

/**
 * Turns at-least-once delivery into exactly-once effects: the processed-event record and
 * the handler's effects commit in one transaction, so a redelivered event finds its
 * record and changes nothing. A concurrent duplicate waits on the record's key and then
 * sees it.
 */
export class HandleEventOnce {
  private readonly unitOfWork: UnitOfWork;
  private readonly processed: ProcessedEvents;

  constructor(unitOfWork: UnitOfWork, processed: ProcessedEvents) {
    this.unitOfWork = unitOfWork;
    this.processed = processed;
  }

  execute({ handler, event }: HandleEventOnceCommand): Promise<HandleOutcome> {
    return this.unitOfWork.transaction(async () => {
      if (!(await this.processed.markProcessed(handler.consumer, event.eventId))) return 'duplicate';
      await handler.handle(event);
      return 'handled';
    });
  }
}
