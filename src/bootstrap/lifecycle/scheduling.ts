import type { Container } from 'inversify';
import { CronScheduler } from '#adapters/scheduler/cron-scheduler.ts';
import { DailyDigestJob } from '#adapters/scheduler/daily-digest.job.ts';
import { PurgeExpiredCredentialsJob } from '#adapters/scheduler/purge-expired-credentials.job.ts';
import { PurgeExpiredCredentials } from '#application/identity/purge-expired-credentials.use-case.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { DigestShutdown, type DigestResources } from '../container/digest.module.ts';

export interface RunningScheduling {
  scheduler: CronScheduler | null;
  /**
   * Stops the clocks, waits for a run in flight (at most `timeoutMs`), and releases the
   * digest's own connections. Resolves `false` when a run was cut short.
   */
  stop(timeoutMs?: number): Promise<boolean>;
}

/**
 * The scheduler role's job: the daily digest on its cron, in-process. At start, a run
 * whose time passed recently without completing (the process was down, or died halfway)
 * is run or resumed at once. Expired credentials are purged hourly. Other roles only get the shutdown of the digest's resources.
 */
export function startScheduling(container: Container, runsJobs: boolean, logger: Logger): RunningScheduling {
  const resources = container.get<DigestResources>(DigestShutdown);
  let scheduler: CronScheduler | null = null;
  if (runsJobs) {
    scheduler = new CronScheduler(logger.child({ component: 'scheduler' }));
    const job = container.get(DailyDigestJob);
    scheduler.schedule(job, job.schedule.cron, job.schedule.timeZone);
    const purge = new PurgeExpiredCredentialsJob(
      container.get(PurgeExpiredCredentials),
      logger.child({ component: 'scheduler' }),
    );
    scheduler.schedule(purge, purge.cron, 'UTC');
    const due = job.dueAtStart(new Date());
    if (due) {
      logger.info({ job: job.name, scheduled_at: due }, 'catching up a recent run');
      void scheduler.runNow(job, due);
    }
  }
  return {
    scheduler,
    async stop(timeoutMs) {
      const finished = (await scheduler?.stop(timeoutMs)) ?? true;
      await resources.close();
      return finished;
    },
  };
}
