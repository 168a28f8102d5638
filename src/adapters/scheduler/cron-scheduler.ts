import { Cron } from 'croner';
import type { Logger } from '../telemetry/logger.ts';

export interface ScheduledJob {
  readonly name: string;
  run(firedAt: Date): Promise<unknown>;
}

/**
 * Runs jobs on cron expressions in a time zone (croner). A job still running when its next
 * time comes is not started twice (`protect`); `stop` stops the clocks and waits for runs
 * in flight, which are built to be resumed anyway if the wait is cut short.
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

  async stop(): Promise<void> {
    for (const cron of this.crons) cron.stop();
    this.crons.length = 0;
    await Promise.allSettled([...this.running]);
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
