import { token } from '../shared/token.ts';

/** Counts of events by type and hour: the raw material of activity analytics. */
export interface ActivityCounter {
  /** Adds one occurrence of `eventType` in the hour containing `at`, in the current unit of work. */
  increment(eventType: string, at: Date): Promise<void>;
}
export const ActivityCounter = token<ActivityCounter>('ActivityCounter');
