import { Cron } from 'croner';
import type { Registry } from 'prom-client';
import type {
  DigestRunReport,
  RequestDailyDigests,
} from '#application/digest/request-daily-digests.use-case.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';
import type { Logger } from '../telemetry/logger.ts';
import { counter, histogram } from '../telemetry/metrics.ts';
import type { ScheduledJob } from './cron-scheduler.ts';

export interface DailyDigestSchedule {
  cron: string;
  timeZone: string;
  /** A run whose time passed less than this long ago and did not complete is run at start. */
  catchUpMs: number;
}

/** The scheduled side of RequestDailyDigests: which date a firing means, metrics and logs. */
export class DailyDigestJob implements ScheduledJob {
  readonly name = 'daily-digest';
  readonly schedule: DailyDigestSchedule;
  private readonly requestDigests: RequestDailyDigests;
  private readonly logger: Logger;
  private readonly duration;
  private readonly processed;
  private readonly requested;

  constructor(
    requestDigests: RequestDailyDigests,
    schedule: DailyDigestSchedule,
    logger: Logger,
    metrics: Registry,
  ) {
    this.requestDigests = requestDigests;
    this.schedule = schedule;
    this.logger = logger;
    this.duration = histogram(metrics, {
      name: 'digest_run_duration_seconds',
      help: 'Time of one digest run (or of its resumption), by outcome: completed, skipped, failed.',
      labelNames: ['outcome'] as const,
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
    });
    this.processed = counter(metrics, {
      name: 'digest_users_processed_total',
      help: 'Users a digest run walked over (whether or not a digest was requested for them).',
    });
    this.requested = counter(metrics, {
      name: 'digests_requested_total',
      help: 'email.daily_digest.requested events published by digest runs.',
    });
  }

  /** The run for the day `firedAt` falls on in the schedule's time zone. */
  run(firedAt: Date): Promise<DigestRunReport> {
    return this.runFor(DigestDate.containing(firedAt, this.schedule.timeZone));
  }

  async runFor(date: DigestDate): Promise<DigestRunReport> {
    const end = this.duration.startTimer();
    this.logger.info({ digest_date: date.value }, 'digest run started');
    try {
      const report = await this.requestDigests.execute({ date });
      end({ outcome: report.status });
      this.processed.inc(report.usersProcessed);
      this.requested.inc(report.digestsRequested);
      this.logger.info({ ...snake(report) }, 'digest run finished');
      return report;
    } catch (error) {
      end({ outcome: 'failed' });
      throw error;
    }
  }

  /** The latest scheduled time, if recent enough to be caught up (a run missed or cut short while down). */
  dueAtStart(now: Date): Date | null {
    const [previous] = new Cron(this.schedule.cron, {
      timezone: this.schedule.timeZone,
      paused: true,
    }).previousRuns(1, now);
    return previous && now.getTime() - previous.getTime() < this.schedule.catchUpMs ? previous : null;
  }
}

function snake(report: DigestRunReport) {
  return {
    digest_date: report.date,
    status: report.status,
    resumed_after: report.resumedAfter,
    users_processed: report.usersProcessed,
    digests_requested: report.digestsRequested,
  };
}
