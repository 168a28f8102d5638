import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { ProcessedEvents } from '#application/messaging/processed-events.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';

export interface ProcessedEventsHarness {
  processed: ProcessedEvents;
  unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

export function processedEventsContract(adapter: string, open: () => Promise<ProcessedEventsHarness>): void {
  describe(`ProcessedEvents contract: ${adapter}`, () => {
    let h: ProcessedEventsHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());
    const mark = (consumer: string, id: string) =>
      h.unitOfWork.transaction(() => h.processed.markProcessed(consumer, id));

    it('says yes the first time a consumer handles an event, no after that', async () => {
      const id = randomUUID();
      expect(await mark('feed', id)).toBe(true);
      expect(await mark('feed', id)).toBe(false);
    });

    it("keeps each consumer's records apart", async () => {
      const id = randomUUID();
      expect(await mark('feed', id)).toBe(true);
      expect(await mark('notifications', id)).toBe(true);
    });

    it("forgets the record when the handler's transaction fails, so the redelivery is handled", async () => {
      const id = randomUUID();
      await expect(
        h.unitOfWork.transaction(async () => {
          await h.processed.markProcessed('feed', id);
          throw new Error('handler failed');
        }),
      ).rejects.toThrow('handler failed');
      expect(await mark('feed', id)).toBe(true);
    });

    it('refuses to record outside a unit of work', async () => {
      await expect(h.processed.markProcessed('feed', randomUUID())).rejects.toThrow(
        /outside UnitOfWork.transaction/,
      );
    });
  });
}
