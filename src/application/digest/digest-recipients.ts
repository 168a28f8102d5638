import type { DigestRecipient } from '#domain/digest/daily-digest.ts';
import { token } from '../shared/token.ts';

/** Who receives the daily digest: users who have not turned it off. */
export interface DigestRecipients {
  /** Up to `limit` recipients with an id greater than `afterUserId`, by id: a keyset walk in bounded memory. */
  after(afterUserId: string | null, limit: number): Promise<DigestRecipient[]>;
}
export const DigestRecipients = token<DigestRecipients>('DigestRecipients');
