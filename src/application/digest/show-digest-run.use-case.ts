import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { DigestRun, DigestRuns } from './digest-runs.ts';

export interface ShowDigestRunQuery {
  date: DigestDate;
}

/** Where the run for a date stands (for operators); null when none started. */
export class ShowDigestRun {
  private readonly runs: DigestRuns;

  constructor(runs: DigestRuns) {
    this.runs = runs;
  }

  execute({ date }: ShowDigestRunQuery): Promise<DigestRun | null> {
    return this.runs.byDate(date);
  }
}
