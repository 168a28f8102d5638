import { describe, expect, it } from '@jest/globals';
import { CronScheduler, type ScheduledJob } from '#adapters/scheduler/cron-scheduler.ts';
import { captureLogger } from '../../../support/capture-logger.ts';

/** A job whose run ends only when the test says so. */
function heldJob(): ScheduledJob & { release(): void; started: Promise<void> } {
  let release!: () => void;
  let started!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  return {
    name: 'held',
    started: startedPromise,
    release,
    run: async () => {
      started();
      await held;
    },
  };
}

function makeSut() {
  const { logger, lines } = captureLogger();
  return { sut: new CronScheduler(logger), lines };
}

describe('CronScheduler', () => {
  it('waits for a run in flight to finish when stopped', async () => {
    const { sut } = makeSut();
    const job = heldJob();
    void sut.runNow(job, new Date());
    await job.started;
    const stopped = sut.stop(5_000);
    setTimeout(() => job.release(), 20);
    await expect(stopped).resolves.toBe(true);
  });

  it('gives up on a run that outlives the shutdown budget and says so', async () => {
    const { sut, lines } = makeSut();
    const job = heldJob();
    void sut.runNow(job, new Date());
    await job.started;
    const began = Date.now();
    await expect(sut.stop(100)).resolves.toBe(false);
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(lines.some((line) => line.level === 'warn' && String(line.message).includes('cut off'))).toBe(
      true,
    );
    job.release();
  });

  it('stops at once when nothing runs', async () => {
    const { sut } = makeSut();
    sut.schedule({ name: 'never', run: async () => undefined }, '0 0 1 1 *', 'UTC');
    await expect(sut.stop(0)).resolves.toBe(true);
  });

  it('keeps a failing run from taking the process down', async () => {
    const { sut, lines } = makeSut();
    const failing: ScheduledJob = { name: 'failing', run: async () => Promise.reject(new Error('boom')) };
    await expect(sut.runNow(failing, new Date())).resolves.toBeUndefined();
    expect(lines.some((line) => line.job === 'failing' && line.message === 'scheduled job failed')).toBe(
      true,
    );
  });
});
