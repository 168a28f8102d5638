import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import {
  EmailAlreadyVerified,
  EmailVerificationExpired,
  EmailVerificationUsed,
  InvalidVerificationLink,
} from '#domain/identity/identity.errors.ts';
import { tokenOf } from '../../../support/fakes/fake-verification-links.ts';
import { inMemoryIdentity, VERIFICATION_TTL_MS } from '../../../support/fakes/in-memory-identity.ts';

const command = { email: 'ada@example.com', password: 'correct horse', handle: 'ada' };

/** Delivers every verification request published so far, as the worker would (ids as the outbox gives them). */
async function deliverMails(sut: ReturnType<typeof inMemoryIdentity>) {
  const requests = sut.events.published.filter((e) => e.type === 'user.email_verification_requested');
  for (const [i, event] of requests.entries())
    await sut.verificationMailer.handle({ ...event, eventId: `event-${i}` } as EventEnvelope);
  return sut.mailer.messages;
}

describe('e-mail verification', () => {
  it('mails a link to the address at sign-up, and following it verifies the account', async () => {
    const sut = inMemoryIdentity();
    const { user } = await sut.register.execute(command);
    const [mail] = await deliverMails(sut);
    expect(mail).toMatchObject({ to: 'ada@example.com', id: 'event-0' });
    await expect(sut.verifyEmail.execute({ token: tokenOf(mail!.text) })).resolves.toEqual({
      userId: user.id,
    });
    expect((await sut.users.byId(user.id))?.isEmailVerified()).toBe(true);
  });

  it('sends the mail once however often the event is delivered', async () => {
    const sut = inMemoryIdentity();
    await sut.register.execute(command);
    await deliverMails(sut);
    await deliverMails(sut);
    expect(sut.mailer.messages).toHaveLength(1);
  });

  it('accepts a link once', async () => {
    const sut = inMemoryIdentity();
    await sut.register.execute(command);
    const token = tokenOf((await deliverMails(sut))[0]!.text);
    await sut.verifyEmail.execute({ token });
    await expect(sut.verifyEmail.execute({ token })).rejects.toBeInstanceOf(EmailVerificationUsed);
  });

  it('refuses an expired link, and sends no mail for one', async () => {
    const sut = inMemoryIdentity();
    const { user } = await sut.register.execute(command);
    sut.clock.advance(VERIFICATION_TTL_MS);
    expect(await deliverMails(sut)).toHaveLength(0);
    const [verification] = sut.emailVerifications.verifications.values();
    await expect(sut.verifyEmail.execute({ token: `signed:${verification!.id}` })).rejects.toBeInstanceOf(
      EmailVerificationExpired,
    );
    expect((await sut.users.byId(user.id))?.isEmailVerified()).toBe(false);
  });

  it('refuses tokens that are not signed or name no verification', async () => {
    const sut = inMemoryIdentity();
    await sut.register.execute(command);
    const [verification] = sut.emailVerifications.verifications.values();
    await expect(sut.verifyEmail.execute({ token: verification!.id })).rejects.toBeInstanceOf(
      InvalidVerificationLink,
    );
    await expect(
      sut.verifyEmail.execute({ token: 'signed:00000000-0000-7000-8000-000000000000' }),
    ).rejects.toBeInstanceOf(InvalidVerificationLink);
  });

  it('re-sends a new link on request, and refuses once the address is verified', async () => {
    const sut = inMemoryIdentity();
    const { user } = await sut.register.execute(command);
    const { expiresAt } = await sut.requestVerification.execute({ userId: user.id });
    expect(expiresAt.getTime()).toBe(sut.clock.now().getTime() + VERIFICATION_TTL_MS);
    const mails = await deliverMails(sut);
    expect(mails).toHaveLength(2);
    await sut.verifyEmail.execute({ token: tokenOf(mails[1]!.text) });
    await expect(sut.requestVerification.execute({ userId: user.id })).rejects.toBeInstanceOf(
      EmailAlreadyVerified,
    );
  });
});
