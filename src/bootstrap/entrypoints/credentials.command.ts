import type { Logger } from '#adapters/telemetry/logger.ts';
import { PurgeExpiredCredentials } from '#application/identity/purge-expired-credentials.use-case.ts';
import type { Config } from '../config/config.ts';
import { withContainer } from './with-container.ts';

/**
 * `rookery credentials:purge`: the scheduler's hourly housekeeping as a one-shot, for
 * platforms that run periodic work as jobs (the Helm chart's CronJob) instead of a scheduler process.
 */
export async function purgeCredentialsCommand(config: Config, logger: Logger): Promise<number> {
  return withContainer(config, logger, async (container) => {
    const removed = await container.get(PurgeExpiredCredentials).execute();
    process.stdout.write(`${JSON.stringify(removed)}\n`);
    return 0;
  });
}
