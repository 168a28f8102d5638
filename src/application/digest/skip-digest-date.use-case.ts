import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { DigestRuns } from './digest-runs.ts';

export interface SkipDigestDateCommand {
  date: DigestDate;
}

/** An operator decision: no digest for this date (an outage, a holiday). Digests already requested stay requested. */
export class SkipDigestDate {
  private readonly unitOfWork: UnitOfWork;
  private readonly runs: DigestRuns;
  private readonly clock: Clock;

  constructor(unitOfWork: UnitOfWork, runs: DigestRuns, clock: Clock) {
    this.unitOfWork = unitOfWork;
    this.runs = runs;
    this.clock = clock;
  }

  execute({ date }: SkipDigestDateCommand): Promise<void> {
    return this.unitOfWork.transaction(() => this.runs.skip(date, this.clock.now()));
  }
}
