import type { SocialActivity, TaskTally } from '#domain/digest/daily-digest.ts';
import { token } from '../shared/token.ts';

/**
 * The figures a digest reports, read for a whole batch of users at once (a handful of
 * queries per batch, never one per user). Users with nothing to report may be absent.
 */
export interface DigestFacts {
  /** Tasks as they stand now: totals and the oldest open titles (at most `titleLimit` each). */
  tasksOf(userIds: readonly string[], titleLimit: number): Promise<Map<string, TaskTally>>;
  /** Posts by followed people, likes and follows received in `[window.from, window.to)`. */
  activityOf(
    userIds: readonly string[],
    window: { from: Date; to: Date },
  ): Promise<Map<string, SocialActivity>>;
}
export const DigestFacts = token<DigestFacts>('DigestFacts');
