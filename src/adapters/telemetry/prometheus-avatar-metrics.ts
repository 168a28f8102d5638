import type { Registry } from 'prom-client';
import type { AvatarMetrics, UploadOutcome } from '#application/avatars/avatar-metrics.ts';
import { counter, histogram } from './metrics.ts';

/** The avatar pipeline's Prometheus series (bytes stored: see `avatar-storage.gauge.ts`). */
export class PrometheusAvatarMetrics implements AvatarMetrics {
  private readonly uploads;
  private readonly uploadDuration;
  private readonly processingDuration;
  private readonly thumbnails;
  private readonly conversions;

  constructor(registry: Registry) {
    this.uploads = counter(registry, {
      name: 'avatar_uploads_total',
      help: 'Avatar uploads by outcome (accepted, too_large, rejected, unavailable, error).',
      labelNames: ['outcome'] as const,
    });
    this.uploadDuration = histogram(registry, {
      name: 'avatar_upload_duration_seconds',
      help: 'Time from the start of an upload request to its answer (body streaming included), by outcome.',
      labelNames: ['outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
    this.processingDuration = histogram(registry, {
      name: 'avatar_processing_duration_seconds',
      help: 'Time the worker took to render and store the renditions of one avatar, by outcome.',
      labelNames: ['outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
    this.thumbnails = counter(registry, {
      name: 'avatar_thumbnails_generated_total',
      help: 'Thumbnails rendered and stored by the avatar worker.',
    });
    this.conversions = counter(registry, {
      name: 'avatar_conversions_total',
      help: 'Renditions served in another format than stored, by conversion cache result (hit, miss).',
      labelNames: ['cache'] as const,
    });
  }

  uploadFinished(outcome: UploadOutcome, seconds: number): void {
    this.uploads.inc({ outcome });
    this.uploadDuration.observe({ outcome }, seconds);
  }

  processingFinished(outcome: 'ready' | 'failed', seconds: number): void {
    this.processingDuration.observe({ outcome }, seconds);
  }

  thumbnailsGenerated(count: number): void {
    this.thumbnails.inc(count);
  }

  conversionServed(cache: 'hit' | 'miss'): void {
    this.conversions.inc({ cache });
  }
}
