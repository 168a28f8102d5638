import type { DigestDate } from '#domain/digest/digest-date.ts';
import { token } from '../shared/token.ts';

/**
 * One record per (user, date) whose digest was requested: what makes a second run for
 * the same date publish nothing. Writes belong to the unit of work that publishes the
 * digest events, so a record exists exactly when its event does.
 */
export interface DigestLedger {
  /** Records the users not yet recorded for `date` and returns their ids; the others were done before. */
  claim(date: DigestDate, userIds: readonly string[]): Promise<string[]>;
  /** Remembers which event carried each user's digest (for operators tracing a mail). */
  attachEvents(date: DigestDate, entries: readonly { userId: string; eventId: string }[]): Promise<void>;
  /** Forgets every record of `date` (a deliberate resend); returns how many there were. */
  forget(date: DigestDate): Promise<number>;
  /**
   * Drops the records of dates before `before`, with the sent-mail records of their
   * events, in small batches of its own (outside any unit of work). Rerunning a pruned
   * date would request its digests again.
   */
  prune(before: DigestDate): Promise<number>;
}
export const DigestLedger = token<DigestLedger>('DigestLedger');
