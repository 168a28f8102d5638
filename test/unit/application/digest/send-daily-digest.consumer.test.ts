import { describe, expect, it } from '@jest/globals';
import { MailRejected, MailTemporarilyRefused } from '#application/mail/mailer.ts';
import { SendDailyDigest } from '#application/digest/send-daily-digest.consumer.ts';
import { HandleEventOnce } from '#application/messaging/handle-event-once.use-case.ts';
import { composeDailyDigest, noActivity } from '#domain/digest/daily-digest.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';
import { envelope, type EventEnvelope } from '#domain/shared/domain-event.ts';
import { dailyDigestRequested } from '#domain/digest/daily-digest.ts';
import { aUser } from '../../../support/builders/user.builder.ts';
import { FixedClock } from '../../../support/fakes/fixed-clock.ts';
import { InMemoryProcessedEvents } from '../../../support/fakes/in-memory-processed-events.ts';
import { InMemorySentMails } from '../../../support/fakes/in-memory-sent-mails.ts';
import { InMemoryUnitOfWork } from '../../../support/fakes/in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from '../../../support/fakes/in-memory-user.repository.ts';
import { RecordingMailer } from '../../../support/fakes/recording-mailer.ts';

let sequence = 0;

async function makeSut() {
  const unitOfWork = new InMemoryUnitOfWork();
  const users = new InMemoryUserRepository(unitOfWork);
  const user = aUser({ emailVerified: true });
  await unitOfWork.transaction(() => users.add(user));
  const sent = new InMemorySentMails();
  const mailer = new RecordingMailer();
  const renderer = {
    render: (
      digest: { display_name: string; stats: { undone: number } },
      links: { unsubscribe: string },
    ) => ({
      subject: `${digest.stats.undone} open`,
      html: `<p>${digest.display_name}</p><a href="${links.unsubscribe}">unsubscribe</a>`,
      text: `${digest.display_name}`,
    }),
  };
  const links = {
    linkFor: (id: string) => `https://rookery.test/u?token=${id}`,
    userIdFrom: (t: string) => t,
  };
  const sut = new SendDailyDigest({
    users,
    sent,
    renderer,
    links,
    mailer,
    clock: new FixedClock(),
    appUrl: 'https://rookery.test',
  });
  const event = (): EventEnvelope => {
    const payload = composeDailyDigest(
      { userId: user.id, email: 'stale@example.com', displayName: user.displayName },
      DigestDate.parse('2026-11-23'),
      { total: 3, done: 1, undoneTitles: ['a', 'b'] },
      noActivity,
    );
    const id = `00000000-0000-7000-a000-${String(++sequence).padStart(12, '0')}`;
    return envelope(id, dailyDigestRequested(payload, new Date()));
  };
  return { sut, user, sent, mailer, event, unitOfWork };
}

describe('SendDailyDigest', () => {
  it("mails the digest to the user's address with a one-click unsubscribe link, then records it sent", async () => {
    const { sut, user, sent, mailer, event } = await makeSut();
    const e = event();
    await sut.handle(e);
    expect(mailer.messages).toEqual([
      {
        id: e.eventId,
        to: user.email,
        subject: '2 open',
        html: expect.stringContaining(user.displayName),
        text: user.displayName,
        unsubscribeUrl: `https://rookery.test/u?token=${user.id}`,
      },
    ]);
    expect(await sent.wasSent(e.eventId)).toBe(true);
  });

  it('sends nothing for an event whose mail was already accepted', async () => {
    const { sut, sent, mailer, event } = await makeSut();
    const e = event();
    await sent.recordSent(e.eventId, new Date());
    await sut.handle(e);
    expect(mailer.messages).toEqual([]);
  });

  it('does not send twice when killed after sending but before the processed record committed', async () => {
    const { sut, mailer, event, unitOfWork } = await makeSut();
    const e = event();
    // First delivery: the mail goes out, then the worker dies before its transaction commits.
    const crashing = {
      ...sut,
      consumer: sut.consumer,
      eventTypes: sut.eventTypes,
      handle: async (x: EventEnvelope) => {
        await sut.handle(x);
        throw new Error('killed');
      },
    };
    const once = new HandleEventOnce(unitOfWork, new InMemoryProcessedEvents(unitOfWork));
    await expect(once.execute({ handler: crashing, event: e })).rejects.toThrow('killed');
    // Redelivery: nothing in processed_events, but the sent record survived.
    expect(await once.execute({ handler: sut, event: e })).toBe('handled');
    expect(mailer.messages).toHaveLength(1);
  });

  it('sends nothing to a user who turned the digest off after the run', async () => {
    const { sut, user, mailer, sent, event } = await makeSut();
    user.subscribeToDigest(false, new Date());
    const e = event();
    await sut.handle(e);
    expect(mailer.messages).toEqual([]);
    expect(await sent.wasSent(e.eventId)).toBe(false);
  });

  it.each([
    ['temporarily', new MailTemporarilyRefused('451 try later')],
    ['permanently', new MailRejected('550 no such user')],
  ])('records nothing and fails when the server refuses %s', async (_how, refusal) => {
    const { sut, mailer, sent, event } = await makeSut();
    mailer.refuse(refusal);
    const e = event();
    await expect(sut.handle(e)).rejects.toBe(refusal);
    expect(await sent.wasSent(e.eventId)).toBe(false);
    await sut.handle(e); // the retry
    expect(mailer.messages).toHaveLength(1);
  });
});
