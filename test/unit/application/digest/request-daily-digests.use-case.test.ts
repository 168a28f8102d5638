import { describe, expect, it } from '@jest/globals';
import { DigestBatch } from '#application/digest/digest-batch.ts';
import { RequestDailyDigests } from '#application/digest/request-daily-digests.use-case.ts';
import type { DailyDigestPayload } from '#domain/digest/daily-digest.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';
import { emptyWorld, type DigestWorld } from '../../../support/builders/digest-world.ts';
import { FixedClock } from '../../../support/fakes/fixed-clock.ts';
import { InMemoryDigestLedger } from '../../../support/fakes/in-memory-digest-ledger.ts';
import { InMemoryDigestRuns } from '../../../support/fakes/in-memory-digest-runs.ts';
import { InMemoryDigestSources } from '../../../support/fakes/in-memory-digest-sources.ts';
import { InMemoryUnitOfWork } from '../../../support/fakes/in-memory-unit-of-work.ts';
import { RecordingEventPublisher } from '../../../support/fakes/recording-event-publisher.ts';

const date = DigestDate.parse('2026-11-23');
const userId = (i: number) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;

function world(users: number, optedOut: number[] = []): DigestWorld {
  const w = emptyWorld();
  for (let i = 1; i <= users; i++) {
    w.users.push({
      id: userId(i),
      email: `user${i}@example.com`,
      handle: `user${i}`,
      displayName: `User ${i}`,
      digestEnabled: !optedOut.includes(i),
    });
    for (let t = 0; t < i; t++) {
      w.tasks.push({
        id: `${userId(i)}-${t}`,
        userId: userId(i),
        title: `task ${t} of ${i}`,
        done: t === 0,
        createdAt: new Date(Date.UTC(2026, 10, 1, 0, t)),
      });
    }
  }
  return w;
}

function makeSut(users = 5, options: { optedOut?: number[]; batchSize?: number } = {}) {
  const unitOfWork = new InMemoryUnitOfWork();
  const sources = new InMemoryDigestSources(world(users, options.optedOut));
  const ledger = new InMemoryDigestLedger(unitOfWork);
  const runs = new InMemoryDigestRuns(unitOfWork);
  const events = new RecordingEventPublisher(unitOfWork);
  const clock = new FixedClock(new Date('2026-11-23T00:00:00.000Z'));
  const batch = new DigestBatch(sources, ledger, runs, events, clock);
  const settings = { timeZone: 'UTC', batchSize: options.batchSize ?? 2, retentionDays: 30 };
  const sut = new RequestDailyDigests({
    unitOfWork,
    recipients: sources,
    runs,
    batch,
    ledger,
    clock,
    settings,
  });
  const payloads = () => events.published.map((e) => e.payload as DailyDigestPayload);
  return { sut, sources, ledger, runs, events, payloads, unitOfWork };
}

describe('RequestDailyDigests', () => {
  it('requests one digest per recipient, in batches, with their figures', async () => {
    const { sut, payloads, events } = makeSut(5);
    const report = await sut.execute({ date });
    expect(report).toEqual({
      date: '2026-11-23',
      status: 'completed',
      resumedAfter: null,
      usersProcessed: 5,
      digestsRequested: 5,
    });
    expect(events.types()).toEqual(Array(5).fill('email.daily_digest.requested'));
    expect(payloads().map((p) => p.user_id)).toEqual([1, 2, 3, 4, 5].map(userId));
    expect(payloads()[3]).toMatchObject({
      email: 'user4@example.com',
      digest_date: '2026-11-23',
      stats: { total: 4, done: 1, undone: 3 },
      undone_titles: ['task 1 of 4', 'task 2 of 4', 'task 3 of 4'],
    });
  });

  it("records each user's event id for the date", async () => {
    const { sut, ledger } = makeSut(3);
    await sut.execute({ date });
    expect([1, 2, 3].map((i) => ledger.eventOf(date, userId(i)))).toEqual([
      expect.stringMatching(/^0{8}-/),
      expect.stringMatching(/^0{8}-/),
      expect.stringMatching(/^0{8}-/),
    ]);
  });

  it('publishes nothing when the same date runs again', async () => {
    const { sut, events } = makeSut(5);
    await sut.execute({ date });
    const again = await sut.execute({ date });
    expect(again).toMatchObject({ status: 'completed', usersProcessed: 0, digestsRequested: 0 });
    expect(events.published).toHaveLength(5);
  });

  it('resumes a run that died halfway after its last committed batch: every user exactly once', async () => {
    const { sut, sources, events, payloads } = makeSut(7);
    const tasksOf = sources.tasksOf.bind(sources);
    let calls = 0;
    sources.tasksOf = async (...args) => {
      if (++calls === 3) throw new Error('database went away');
      return tasksOf(...args);
    };
    await expect(sut.execute({ date })).rejects.toThrow('database went away');
    expect(events.published).toHaveLength(4); // two batches committed, the third rolled back
    const resumed = await sut.execute({ date });
    expect(resumed).toMatchObject({ resumedAfter: userId(4), usersProcessed: 3, digestsRequested: 3 });
    expect(payloads().map((p) => p.user_id)).toEqual([1, 2, 3, 4, 5, 6, 7].map(userId));
  });

  it('skips users already requested for the date even when the walk covers them again', async () => {
    const { sut, runs, events, unitOfWork } = makeSut(4);
    await sut.execute({ date });
    await unitOfWork.transaction(() => runs.forget(date)); // the run's record alone lost: per-user records hold
    expect(await sut.execute({ date })).toMatchObject({ usersProcessed: 4, digestsRequested: 0 });
    expect(events.published).toHaveLength(4);
  });

  it('walks only users who keep the digest on', async () => {
    const { sut, payloads } = makeSut(4, { optedOut: [2, 3] });
    await sut.execute({ date });
    expect(payloads().map((p) => p.user_id)).toEqual([userId(1), userId(4)]);
  });

  it('requests nothing for a skipped date', async () => {
    const { sut, runs, events, unitOfWork } = makeSut(3);
    await unitOfWork.transaction(() => runs.skip(date, new Date()));
    expect(await sut.execute({ date })).toMatchObject({ status: 'skipped', digestsRequested: 0 });
    expect(events.published).toEqual([]);
  });

  it('asks for the activity of the 24 hours before the date begins', async () => {
    const { sut, sources } = makeSut(1);
    const windows: { from: Date; to: Date }[] = [];
    const activityOf = sources.activityOf.bind(sources);
    sources.activityOf = async (ids, window) => {
      windows.push(window);
      return activityOf(ids, window);
    };
    await sut.execute({ date });
    expect(windows).toEqual([
      { from: new Date('2026-11-22T00:00:00.000Z'), to: new Date('2026-11-23T00:00:00.000Z') },
    ]);
  });

  it('prunes per-user records older than the retention after a run', async () => {
    const { sut, ledger } = makeSut(2);
    await sut.execute({ date: date.plusDays(-31) });
    await sut.execute({ date: date.plusDays(-30) });
    await sut.execute({ date });
    expect(ledger.eventOf(date.plusDays(-31), userId(1))).toBeUndefined();
    expect(ledger.eventOf(date.plusDays(-30), userId(1))).toBeDefined();
  });
});
