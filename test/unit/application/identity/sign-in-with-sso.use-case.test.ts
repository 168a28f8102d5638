import { describe, expect, it } from '@jest/globals';
import type { VerifiedSsoClaims } from '#application/identity/verified-sso-claims.ts';
import {
  InvalidCredentials,
  InvalidSsoHandoff,
  SsoAccountExists,
  SsoLinkNeedsPassword,
  UnverifiedAccountWithEmail,
  UnverifiedEmailInUse,
} from '#domain/identity/identity.errors.ts';
import { tokenOf } from '../../../support/fakes/fake-verification-links.ts';
import { HANDOFF_TTL_MS, inMemoryIdentity } from '../../../support/fakes/in-memory-identity.ts';

const claims = (overrides: Partial<VerifiedSsoClaims> = {}): VerifiedSsoClaims => ({
  provider: 'keycloak',
  issuer: 'https://id.example/realms/rookery',
  subject: 'sub-1',
  email: 'ada@example.com',
  emailVerified: true,
  name: 'Ada Lovelace',
  preferredUsername: 'ada',
  ...overrides,
});

type Identity = ReturnType<typeof inMemoryIdentity>;

/** A local account whose owner followed the verification link mailed at sign-up. */
async function registerVerified(sut: Identity) {
  const local = await sut.register.execute({
    email: 'ada@example.com',
    password: 'correct horse',
    handle: 'ada',
  });
  const [requested] = sut.events.published.filter((e) => e.type === 'user.email_verification_requested');
  await sut.verificationMailer.handle({ ...requested!, eventId: 'event-1' } as never);
  await sut.verifyEmail.execute({ token: tokenOf(sut.mailer.messages.at(-1)!.text) });
  return local;
}

describe('SignInWithSso', () => {
  it('creates an account from the claims on first sign-in and announces it', async () => {
    const sut = inMemoryIdentity();
    const result = await sut.signInWithSso.execute(claims());
    expect(result.created).toBe(true);
    const user = await sut.users.byId(result.userId);
    expect(user).toMatchObject({
      email: 'ada@example.com',
      handle: 'ada',
      displayName: 'Ada Lovelace',
      passwordHash: null,
    });
    expect(sut.events.types()).toEqual(['user.registered']);
    expect(await sut.identities.find('https://id.example/realms/rookery', 'sub-1')).toMatchObject({
      userId: result.userId,
      provider: 'keycloak',
    });
  });

  it('finds the same account by (issuer, subject) later, even if the e-mail changed', async () => {
    const sut = inMemoryIdentity();
    const first = await sut.signInWithSso.execute(claims());
    const second = await sut.signInWithSso.execute(claims({ email: 'new@example.com', name: 'Someone' }));
    expect(second).toMatchObject({ userId: first.userId, created: false });
    expect(sut.users.users.size).toBe(1);
    expect(sut.events.types()).toEqual(['user.registered']);
  });

  it('tells the same subject at another issuer apart', async () => {
    const sut = inMemoryIdentity();
    const first = await sut.signInWithSso.execute(claims({ email: 'a1@example.com' }));
    const second = await sut.signInWithSso.execute(
      claims({ issuer: 'https://other.example', email: 'a2@example.com' }),
    );
    expect(second.userId).not.toBe(first.userId);
  });

  it('never attaches the provider to an account that did not verify the e-mail (pre-hijacking)', async () => {
    const sut = inMemoryIdentity();
    // An attacker signs up with the victim's address and a password of their choosing.
    await sut.register.execute({ email: 'ada@example.com', password: 'attacker pass', handle: 'ada' });
    await expect(sut.signInWithSso.execute(claims())).rejects.toBeInstanceOf(UnverifiedAccountWithEmail);
    expect(sut.identities.identities.size).toBe(0);
    expect(sut.handoffs.handoffs.size).toBe(0);
  });

  it('asks for the password of a verified account with the same e-mail instead of linking silently', async () => {
    const sut = inMemoryIdentity();
    const local = await registerVerified(sut);
    const refusal = await sut.signInWithSso.execute(claims()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SsoLinkNeedsPassword);
    expect(sut.identities.identities.size).toBe(0);
    const ticket = String((refusal as SsoLinkNeedsPassword).details.link_ticket);
    expect(sut.tickets.open(ticket)).toMatchObject({ userId: local.user.id, claims: { subject: 'sub-1' } });
  });

  it('links with the account’s password, and then signs in by (issuer, subject) directly', async () => {
    const sut = inMemoryIdentity();
    const local = await registerVerified(sut);
    const refusal = (await sut.signInWithSso
      .execute(claims())
      .catch((e: unknown) => e)) as SsoLinkNeedsPassword;
    const ticket = String(refusal.details.link_ticket);
    await expect(sut.linkSso.execute({ ticket, password: 'wrong' })).rejects.toBeInstanceOf(
      InvalidCredentials,
    );
    expect(sut.identities.identities.size).toBe(0);
    const session = await sut.linkSso.execute({ ticket, password: 'correct horse' });
    expect(session.user.id).toBe(local.user.id);
    expect(await sut.signInWithSso.execute(claims())).toMatchObject({
      userId: local.user.id,
      created: false,
    });
  });

  it('refuses to link a verified account that has no password: it signs in through its own provider', async () => {
    const sut = inMemoryIdentity();
    await sut.signInWithSso.execute(claims({ issuer: 'https://first.example' }));
    await expect(sut.signInWithSso.execute(claims())).rejects.toBeInstanceOf(SsoAccountExists);
  });

  it('marks a new account verified only when the provider vouches for its address', async () => {
    const sut = inMemoryIdentity();
    const vouched = await sut.signInWithSso.execute(claims());
    const unvouched = await sut.signInWithSso.execute(
      claims({ subject: 'sub-2', email: 'b@example.com', emailVerified: false }),
    );
    const placeholder = await sut.signInWithSso.execute(claims({ subject: 'sub-3', email: null }));
    expect((await sut.users.byId(vouched.userId))?.isEmailVerified()).toBe(true);
    expect((await sut.users.byId(unvouched.userId))?.isEmailVerified()).toBe(false);
    expect((await sut.users.byId(placeholder.userId))?.isEmailVerified()).toBe(false);
  });

  it('refuses to link an existing account when the provider did not verify the e-mail', async () => {
    const sut = inMemoryIdentity();
    await sut.register.execute({ email: 'ada@example.com', password: 'correct horse', handle: 'ada' });
    await expect(sut.signInWithSso.execute(claims({ emailVerified: false }))).rejects.toBeInstanceOf(
      UnverifiedEmailInUse,
    );
    expect(sut.identities.identities.size).toBe(0);
    expect(sut.handoffs.handoffs.size).toBe(0);
  });

  it('picks a free handle when the natural one is taken', async () => {
    const sut = inMemoryIdentity();
    await sut.register.execute({ email: 'other@example.com', password: 'correct horse', handle: 'ada' });
    const result = await sut.signInWithSso.execute(claims());
    expect((await sut.users.byId(result.userId))?.handle).toMatch(/^ada_[0-9a-f]{4}$/);
  });

  it('gives a provider that shares no e-mail a placeholder address that can never receive mail', async () => {
    const sut = inMemoryIdentity();
    const result = await sut.signInWithSso.execute(claims({ email: null, preferredUsername: null }));
    const user = await sut.users.byId(result.userId);
    expect(user?.email).toMatch(/^sso-.+@users\.invalid$/);
    expect(user?.handle).toBe('ada_lovelace');
  });

  it('leaves a one-time code that signs the user in once, within its lifetime', async () => {
    const sut = inMemoryIdentity();
    const { code, userId } = await sut.signInWithSso.execute(claims());
    const session = await sut.redeem.execute({ code });
    expect(session.user.id).toBe(userId);
    await expect(sut.redeem.execute({ code })).rejects.toBeInstanceOf(InvalidSsoHandoff);

    const late = await sut.signInWithSso.execute(claims());
    sut.clock.advance(HANDOFF_TTL_MS);
    await expect(sut.redeem.execute({ code: late.code })).rejects.toBeInstanceOf(InvalidSsoHandoff);
    await expect(sut.redeem.execute({ code: 'made-up' })).rejects.toBeInstanceOf(InvalidSsoHandoff);
  });
});
