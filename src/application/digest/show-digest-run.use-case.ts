import type { DigestDate } from '#domain/digest/digest-date.ts';
import type { DigestRun, DigestRuns } from './digest-runs.ts';

export interface ShowDigestRunQuery {
  date: DigestDate;
}

export interface ShowDigestRunDeps {
  runs: DigestRuns;
}

/** Where the run for a date stands (for operators); null when none started. */
export class ShowDigestRun {
  private readonly deps: ShowDigestRunDeps;

  constructor(deps: ShowDigestRunDeps) {
    this.deps = deps;
  }

  execute({ date }: ShowDigestRunQuery): Promise<DigestRun | null> {
    return this.deps.runs.byDate(date);
  }
}
