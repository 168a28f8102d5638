import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DigestLedger } from '#application/digest/digest-ledger.ts';
import type { DigestRuns } from '#application/digest/digest-runs.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';

export interface DigestRecordsHarness {
  ledger: DigestLedger;
  runs: DigestRuns;
  unitOfWork: UnitOfWork;
  /** The event recorded for (date, user): undefined without a record, null before attachEvents. */
  eventOf(date: DigestDate, userId: string): Promise<string | null | undefined>;
  close(): Promise<void>;
}

let day = 0;
/** A date no other case of the run uses. */
const freshDate = () => DigestDate.parse('2030-01-01').plusDays(day++);
const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
const at = new Date('2026-11-22T09:00:00.000Z');

/** The digest's idempotency records: per (user, date) requests and per-date runs. */
export function digestRecordsContract(adapter: string, open: () => Promise<DigestRecordsHarness>): void {
  describe(`DigestLedger and DigestRuns contract: ${adapter}`, () => {
    let h: DigestRecordsHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());
    const tx = <T>(work: () => Promise<T>) => h.unitOfWork.transaction(work);

    it('claims each (user, date) once: a second claim for the date returns nobody', async () => {
      const date = freshDate();
      const users = ids(5);
      expect((await tx(() => h.ledger.claim(date, users.slice(0, 3)))).sort()).toEqual(
        users.slice(0, 3).sort(),
      );
      expect((await tx(() => h.ledger.claim(date, users))).sort()).toEqual(users.slice(3).sort());
      expect(await tx(() => h.ledger.claim(date, users))).toEqual([]);
      expect((await tx(() => h.ledger.claim(date.plusDays(1), users))).sort()).toEqual([...users].sort());
    });

    it('forgets a claim whose transaction failed', async () => {
      const date = freshDate();
      const users = ids(2);
      await expect(
        tx(async () => {
          await h.ledger.claim(date, users);
          throw new Error('publish failed');
        }),
      ).rejects.toThrow('publish failed');
      expect((await tx(() => h.ledger.claim(date, users))).sort()).toEqual([...users].sort());
    });

    it('remembers the event that carried each digest', async () => {
      const date = freshDate();
      const [a, b] = ids(2) as [string, string];
      const event = randomUUID();
      await tx(async () => {
        await h.ledger.claim(date, [a, b]);
        await h.ledger.attachEvents(date, [{ userId: a, eventId: event }]);
      });
      expect(await h.eventOf(date, a)).toBe(event);
      expect(await h.eventOf(date, b)).toBeNull();
      expect(await h.eventOf(date, randomUUID())).toBeUndefined();
    });

    it("forgets a date's records on request, and only that date's", async () => {
      const date = freshDate();
      const users = ids(3);
      await tx(() => h.ledger.claim(date, users));
      await tx(() => h.ledger.claim(date.plusDays(1), users));
      expect(await tx(() => h.ledger.forget(date))).toBe(3);
      expect((await tx(() => h.ledger.claim(date, users))).length).toBe(3);
      expect(await tx(() => h.ledger.claim(date.plusDays(1), users))).toEqual([]);
    });

    it('prunes the records of dates before a cutoff', async () => {
      const date = freshDate();
      const user = randomUUID();
      await tx(() => h.ledger.claim(date, [user]));
      await tx(() => h.ledger.claim(date.plusDays(1), [user]));
      expect(await h.ledger.prune(date.plusDays(1))).toBeGreaterThanOrEqual(1);
      expect(await h.eventOf(date, user)).toBeUndefined();
      expect(await h.eventOf(date.plusDays(1), user)).toBeNull();
    });

    it('begins a run once per date and keeps its progress across begins', async () => {
      const date = freshDate();
      expect(await h.runs.byDate(date)).toBeNull();
      const run = await tx(() => h.runs.begin(date, at));
      expect(run).toMatchObject({ date: date.value, status: 'running', cursor: null, usersProcessed: 0 });
      const cursor = randomUUID();
      await tx(() => h.runs.advance(date, cursor, 500, 480, at));
      await tx(() => h.runs.advance(date, cursor, 20, 20, at));
      expect(await tx(() => h.runs.begin(date, at))).toMatchObject({
        status: 'running',
        cursor,
        usersProcessed: 520,
        digestsRequested: 500,
      });
    });

    it('finishes, skips and forgets runs', async () => {
      const [done, skipped, unknown] = [freshDate(), freshDate(), freshDate()];
      await tx(() => h.runs.begin(done, at));
      await tx(() => h.runs.finish(done, at));
      expect(await h.runs.byDate(done)).toMatchObject({ status: 'completed' });
      expect((await h.runs.byDate(done))?.finishedAt?.toISOString()).toBe(at.toISOString());
      await tx(() => h.runs.begin(skipped, at));
      await tx(() => h.runs.skip(skipped, at));
      await tx(() => h.runs.skip(unknown, at));
      expect(await h.runs.byDate(skipped)).toMatchObject({ status: 'skipped' });
      expect(await tx(() => h.runs.begin(unknown, at))).toMatchObject({ status: 'skipped' });
      await tx(() => h.runs.forget(done));
      expect(await h.runs.byDate(done)).toBeNull();
    });
  });
}
