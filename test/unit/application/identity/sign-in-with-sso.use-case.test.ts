import { describe, expect, it } from '@jest/globals';
import type { VerifiedSsoClaims } from '#application/identity/verified-sso-claims.ts';
import { InvalidSsoHandoff, UnverifiedEmailInUse } from '#domain/identity/identity.errors.ts';
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

  it('links an existing local account when the provider verified its e-mail', async () => {
    const sut = inMemoryIdentity();
    const local = await sut.register.execute({
      email: 'ada@example.com',
      password: 'correct horse',
      handle: 'ada',
    });
    const result = await sut.signInWithSso.execute(claims());
    expect(result).toMatchObject({ userId: local.user.id, created: false });
    expect(await sut.identities.find(claims().issuer, 'sub-1')).toMatchObject({ userId: local.user.id });
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
