import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { SentMails } from '#application/mail/sent-mails.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';

export interface SentMailsHarness {
  sent: SentMails;
  unitOfWork: UnitOfWork;
  /**
   * Whether a record commits on its own (PostgreSQL, the fake) or with the caller's
   * transaction (PGlite's single connection): the two documented behaviours.
   */
  independentOfCaller: boolean;
  close(): Promise<void>;
}

export function sentMailsContract(adapter: string, open: () => Promise<SentMailsHarness>): void {
  describe(`SentMails contract: ${adapter}`, () => {
    let h: SentMailsHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());
    const at = new Date('2026-11-22T09:00:00.000Z');

    it('knows an event as sent once it was recorded, and only then', async () => {
      const [sent, other] = [randomUUID(), randomUUID()];
      await h.unitOfWork.transaction(async () => {
        expect(await h.sent.wasSent(sent)).toBe(false);
        await h.sent.recordSent(sent, at);
      });
      expect(await h.sent.wasSent(sent)).toBe(true);
      expect(await h.sent.wasSent(other)).toBe(false);
    });

    it('accepts the same record twice', async () => {
      const id = randomUUID();
      await h.unitOfWork.transaction(() => h.sent.recordSent(id, at));
      await h.unitOfWork.transaction(() => h.sent.recordSent(id, at));
      expect(await h.sent.wasSent(id)).toBe(true);
    });

    it("keeps or drops a record with the caller's failed transaction, as documented", async () => {
      const id = randomUUID();
      await expect(
        h.unitOfWork.transaction(async () => {
          await h.sent.recordSent(id, at);
          throw new Error('killed before the commit');
        }),
      ).rejects.toThrow('killed before the commit');
      expect(await h.sent.wasSent(id)).toBe(h.independentOfCaller);
    });
  });
}
