import type { DigestDate } from '#domain/digest/digest-date.ts';
import { token } from '../shared/token.ts';

export type DigestRunStatus = 'running' | 'completed' | 'skipped';

/** Progress of the run for one date: where its keyset walk stands, so a run that died resumes there. */
export interface DigestRun {
  date: string;
  status: DigestRunStatus;
  /** The last user id whose batch committed; null before the first batch. */
  cursor: string | null;
  usersProcessed: number;
  digestsRequested: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/** Run state per date. Every method must be called inside `UnitOfWork.transaction`. */
export interface DigestRuns {
  /** The run for `date`, created as `running` when there is none yet. */
  begin(date: DigestDate, at: Date): Promise<DigestRun>;
  byDate(date: DigestDate): Promise<DigestRun | null>;
  /** Moves the cursor past a committed batch and adds its counts. */
  advance(date: DigestDate, cursor: string, processed: number, requested: number, at: Date): Promise<void>;
  finish(date: DigestDate, at: Date): Promise<void>;
  /** Marks the date so that no run publishes anything for it (creating the record if needed). */
  skip(date: DigestDate, at: Date): Promise<void>;
  forget(date: DigestDate): Promise<void>;
}
export const DigestRuns = token<DigestRuns>('DigestRuns');
