import { token } from '../shared/token.ts';

export type UploadOutcome = 'accepted' | 'too_large' | 'rejected' | 'unavailable' | 'error';

/** What the avatar pipeline counts and times (no user ids ever reach it). */
export interface AvatarMetrics {
  uploadFinished(outcome: UploadOutcome, seconds: number): void;
  processingFinished(outcome: 'ready' | 'failed', seconds: number): void;
  thumbnailsGenerated(count: number): void;
  conversionServed(cache: 'hit' | 'miss'): void;
}
export const AvatarMetrics = token<AvatarMetrics>('AvatarMetrics');
