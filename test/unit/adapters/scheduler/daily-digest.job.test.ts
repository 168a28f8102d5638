import { describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { DailyDigestJob } from '#adapters/scheduler/daily-digest.job.ts';
import type { RequestDailyDigests } from '#application/digest/request-daily-digests.use-case.ts';
import type { DigestDate } from '#domain/digest/digest-date.ts';
import { captureLogger } from '../../../support/capture-logger.ts';

function makeSut(schedule = { cron: '0 0 * * *', timeZone: 'Europe/Paris', catchUpMs: 6 * 3_600_000 }) {
  const dates: string[] = [];
  const useCase = {
    execute: async ({ date }: { date: DigestDate }) => {
      dates.push(date.value);
      return {
        date: date.value,
        status: 'completed' as const,
        resumedAfter: null,
        usersProcessed: 3,
        digestsRequested: 2,
      };
    },
  } as unknown as RequestDailyDigests;
  const metrics = new Registry();
  return { dates, metrics, sut: new DailyDigestJob(useCase, schedule, captureLogger().logger, metrics) };
}

describe('DailyDigestJob', () => {
  it('runs the digest of the day the schedule fired on, in its time zone', async () => {
    const { sut, dates } = makeSut();
    await sut.run(new Date('2026-11-22T23:00:00.000Z')); // midnight in Paris
    expect(dates).toEqual(['2026-11-23']);
  });

  it('counts users processed, digests requested and times the run', async () => {
    const { sut, metrics } = makeSut();
    await sut.run(new Date('2026-11-22T23:00:00.000Z'));
    const text = await metrics.metrics();
    expect(text).toMatch(/digest_users_processed_total 3/);
    expect(text).toMatch(/digests_requested_total 2/);
    expect(text).toMatch(/digest_run_duration_seconds_count\{outcome="completed"\} 1/);
  });

  it('catches up the latest scheduled run only while it is recent', () => {
    const { sut } = makeSut();
    expect(sut.dueAtStart(new Date('2026-11-23T02:00:00.000Z'))).toEqual(
      new Date('2026-11-22T23:00:00.000Z'),
    );
    expect(sut.dueAtStart(new Date('2026-11-23T06:00:00.000Z'))).toBeNull();
  });

  it('never catches up when catching up is off', () => {
    const { sut } = makeSut({ cron: '0 0 * * *', timeZone: 'UTC', catchUpMs: 0 });
    expect(sut.dueAtStart(new Date('2026-11-23T00:00:01.000Z'))).toBeNull();
  });
});
