import { FixedClock } from '../../../support/fakes/fixed-clock.ts';
import { InMemoryTaskRepository } from '../../../support/fakes/in-memory-task.repository.ts';
import { InMemoryUnitOfWork } from '../../../support/fakes/in-memory-unit-of-work.ts';
import { RecordingEventPublisher } from '../../../support/fakes/recording-event-publisher.ts';
import { SequentialIdGenerator } from '../../../support/fakes/sequential-id-generator.ts';

export const OWNER = '00000000-0000-7000-8000-0000000000aa';
export const OTHER = '00000000-0000-7000-8000-0000000000bb';

/** The ports every task use case takes, as in-memory fakes. */
export function taskPorts() {
  const unitOfWork = new InMemoryUnitOfWork();
  return {
    unitOfWork,
    tasks: new InMemoryTaskRepository(unitOfWork),
    events: new RecordingEventPublisher(unitOfWork),
    ids: new SequentialIdGenerator(),
    clock: new FixedClock(),
  };
}
