import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { DigestRuns } from './digest-runs.ts';

export interface SkipDigestDateCommand {
  date: DigestDate;
}

export interface SkipDigestDateDeps {
  unitOfWork: UnitOfWork;
  runs: DigestRuns;
  clock: Clock;
}

/** An operator decision: no digest for this date (an outage, a holiday). Digests already requested stay requested. */
export class SkipDigestDate {
  private readonly deps: SkipDigestDateDeps;

  constructor(deps: SkipDigestDateDeps) {
    this.deps = deps;
  }

  execute({ date }: SkipDigestDateCommand): Promise<void> {
    return this.deps.unitOfWork.transaction(() => this.deps.runs.skip(date, this.deps.clock.now()));
  }
}
