import { describe, expect, it } from '@jest/globals';
import type { EventHandler } from '#application/messaging/event-handler.ts';
import { HandleEventOnce } from '#application/messaging/handle-event-once.use-case.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import { InMemoryProcessedEvents } from '../../../support/fakes/in-memory-processed-events.ts';
import { InMemoryUnitOfWork } from '../../../support/fakes/in-memory-unit-of-work.ts';

const event = (eventId: string): EventEnvelope => ({
  eventId,
  type: 'post.created',
  version: 1,
  occurredAt: new Date('2026-11-22T09:00:00Z'),
  payload: {},
});

function makeSut(behaviour: (event: EventEnvelope) => Promise<void> = async () => {}) {
  const uow = new InMemoryUnitOfWork();
  const processed = new InMemoryProcessedEvents(uow);
  const applied: string[] = [];
  const handler: EventHandler = {
    consumer: 'feed',
    eventTypes: ['post.created'],
    async handle(e) {
      await behaviour(e);
      applied.push(e.eventId);
    },
  };
  return { sut: new HandleEventOnce(uow, processed), handler, applied, processed };
}

describe('HandleEventOnce', () => {
  it('applies an event the consumer has not seen', async () => {
    const { sut, handler, applied } = makeSut();
    await expect(sut.execute({ handler, event: event('e1') })).resolves.toBe('handled');
    expect(applied).toEqual(['e1']);
  });

  it('acknowledges a redelivered event without applying it again', async () => {
    const { sut, handler, applied } = makeSut();
    await sut.execute({ handler, event: event('e1') });
    await expect(sut.execute({ handler, event: event('e1') })).resolves.toBe('duplicate');
    expect(applied).toEqual(['e1']);
  });

  it('does not record an event whose handler failed, so its retry is applied', async () => {
    let fail = true;
    const { sut, handler, applied, processed } = makeSut(async () => {
      if (fail) throw new Error('database hiccup');
    });
    await expect(sut.execute({ handler, event: event('e1') })).rejects.toThrow('database hiccup');
    expect(processed.records.size).toBe(0);
    fail = false;
    await expect(sut.execute({ handler, event: event('e1') })).resolves.toBe('handled');
    expect(applied).toEqual(['e1']);
  });
});
