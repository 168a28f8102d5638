import type { PurgeExpiredCredentials } from '#application/identity/purge-expired-credentials.use-case.ts';
import type { Logger } from '../telemetry/logger.ts';
import type { ScheduledJob } from './cron-scheduler.ts';

/**
 * Hourly housekeeping of the credential tables: expired refresh tokens and one-time SSO
 * codes. Deleting is idempotent, so a run that overlaps another replica's does no harm.
 */
export class PurgeExpiredCredentialsJob implements ScheduledJob {
  readonly name = 'purge-expired-credentials';
  readonly cron = '17 * * * *';
  private readonly purge: PurgeExpiredCredentials;
  private readonly logger: Logger;

  constructor(purge: PurgeExpiredCredentials, logger: Logger) {
    this.purge = purge;
    this.logger = logger;
  }

  async run(): Promise<void> {
    const removed = await this.purge.execute();
    this.logger.info(
      { job: this.name, refresh_tokens: removed.refreshTokens, sso_codes: removed.ssoCodes },
      'expired credentials purged',
    );
  }
}
