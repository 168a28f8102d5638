import type { AvatarMetrics, UploadOutcome } from '#application/avatars/avatar-metrics.ts';

export class RecordingAvatarMetrics implements AvatarMetrics {
  readonly uploads: UploadOutcome[] = [];
  readonly processed: ('ready' | 'failed')[] = [];
  thumbnails = 0;
  readonly conversions: ('hit' | 'miss')[] = [];

  uploadFinished(outcome: UploadOutcome): void {
    this.uploads.push(outcome);
  }

  processingFinished(outcome: 'ready' | 'failed'): void {
    this.processed.push(outcome);
  }

  thumbnailsGenerated(count: number): void {
    this.thumbnails += count;
  }

  conversionServed(cache: 'hit' | 'miss'): void {
    this.conversions.push(cache);
  }
}
