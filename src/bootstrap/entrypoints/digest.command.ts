import { parseArgs } from 'node:util';
import { DailyDigestJob } from '#adapters/scheduler/daily-digest.job.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { ForgetDigestDate } from '#application/digest/forget-digest-date.use-case.ts';
import { ShowDigestRun } from '#application/digest/show-digest-run.use-case.ts';
import { SkipDigestDate } from '#application/digest/skip-digest-date.use-case.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';
import type { Config } from '../config/config.ts';
import { withContainer } from './with-container.ts';

export const digestUsage = `Usage: rookery digest:<command> [--date YYYY-MM-DD]   (default: today in DIGEST_TIME_ZONE)

  rookery digest:run [--date D]            request the digests of D (resumes a partial run; a finished
                                           date publishes nothing); what a Kubernetes CronJob runs
  rookery digest:run --date D --resend     forget D's records first: everyone gets D's digest again
  rookery digest:skip --date D             no digests for D (runs for D publish nothing)
  rookery digest:status [--date D]         the run for D: status, cursor, counts`;

/** The digest's one-shot commands; print JSON on stdout. Events leave through the outbox (a worker relays them). */
export async function digestCommand(
  command: string,
  argv: string[],
  config: Config,
  logger: Logger,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { date: { type: 'string' }, resend: { type: 'boolean' } },
  });
  const date = values.date
    ? DigestDate.parse(values.date)
    : DigestDate.containing(new Date(), config.digest.timeZone);
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  if (!['digest:run', 'digest:skip', 'digest:status'].includes(command)) {
    process.stderr.write(`${digestUsage}\n`);
    return 2;
  }
  return withContainer(config, logger, async (container) => {
    if (command === 'digest:status') {
      print(
        (await container.get(ShowDigestRun).execute({ date })) ?? { date: date.value, status: 'not started' },
      );
    } else if (command === 'digest:skip') {
      await container.get(SkipDigestDate).execute({ date });
      print({ date: date.value, status: 'skipped' });
    } else {
      const forgotten = values.resend ? await container.get(ForgetDigestDate).execute({ date }) : 0;
      print({
        ...(await container.get(DailyDigestJob).runFor(date)),
        ...(values.resend ? { forgotten } : {}),
      });
    }
    return 0;
  });
}
