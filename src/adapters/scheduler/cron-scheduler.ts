import { Cron } from 'croner';
import { settlesWithin } from '../system/settles-within.ts';
import type { Logger } from '../telemetry/logger.ts';

export interface ScheduledJob {
  readonly name: string;
  run(firedAt: Date): Promise<unknown>;
}

/**
 * Runs jobs on cron expressions in a time zone (croner). A job still running when its next
 * time comes is not started twice (`protect`); `stop` stops the clocks and waits for runs
 * in flight, at most `timeoutMs`: runs are built to be resumed at the next start, so a run
 * cut short loses nothing.
 */
export class CronScheduler {
  private readonly logger: Logger;
  private readonly crons: Cron[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(logger: Logger) {
    this.logger = logger;
  }

  schedule(job: ScheduledJob, cron: string, timeZone: string): Cron {
    const entry = new Cron(
      cron,
      { name: job.name, timezone: timeZone, protect: true },
      async (self: Cron) => {
        const firedAt = self.currentRun() ?? new Date();
        await this.track(job, firedAt);
      },
    );
    this.crons.push(entry);
    this.logger.info(
      { job: job.name, cron, time_zone: timeZone, next_run: entry.nextRun() },
      'job scheduled',
    );
    return entry;
  }

  /** Runs a job now, outside its schedule (catching up a missed or interrupted run). */
  runNow(job: ScheduledJob, firedAt: Date): Promise<unknown> {
    return this.track(job, firedAt);
  }

  /** Resolves whether every run in flight finished (`true`) or the wait was cut (`false`). */
  async stop(timeoutMs = Infinity): Promise<boolean> {
    for (const cron of this.crons) cron.stop();
    this.crons.length = 0;
    const finished = await settlesWithin(Promise.allSettled([...this.running]), timeoutMs);
    if (!finished) {
      this.logger.warn(
        { runs: this.running.size, timeout_ms: timeoutMs },
        'scheduled runs cut off at the shutdown deadline; they resume at the next start',
      );
    }
    return finished;
  }

  private async track(job: ScheduledJob, firedAt: Date): Promise<unknown> {
    const run = job.run(firedAt).catch((error: unknown) => {
      // The run resumes at its next start; a failure must never take the process down.
      this.logger.error({ err: error, job: job.name }, 'scheduled job failed');
    });
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
    }
  }
}
