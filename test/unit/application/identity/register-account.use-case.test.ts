import { describe, expect, it } from '@jest/globals';
import { CommonPassword, WeakPassword } from '#domain/identity/password-policy.ts';
import { InvalidEmailAddress } from '#domain/users/email-address.ts';
import { EmailAlreadyRegistered, HandleTaken } from '#domain/users/user.errors.ts';
import { inMemoryIdentity } from '../../../support/fakes/in-memory-identity.ts';

const command = { email: 'Ada@Example.com', password: 'correct horse', handle: 'ada', displayName: 'Ada' };

describe('RegisterAccount', () => {
  it('creates the account with a hashed password and signs it in', async () => {
    const sut = inMemoryIdentity();
    const session = await sut.register.execute(command);
    expect(session.user).toMatchObject({ email: 'ada@example.com', handle: 'ada', displayName: 'Ada' });
    expect(session.user.passwordHash).toBe('hashed:correct horse');
    expect(session.accessToken).toContain(session.user.id);
    expect(session.refreshToken).toBe('secret-1');
    expect(sut.refreshTokens.tokens.size).toBe(1);
  });

  it('announces user.registered and asks for a verification mail, in the same transaction', async () => {
    const sut = inMemoryIdentity();
    const { user } = await sut.register.execute(command);
    const [verification] = sut.emailVerifications.verifications.values();
    expect(sut.events.published).toEqual([
      expect.objectContaining({ type: 'user.registered', payload: { user_id: user.id, handle: 'ada' } }),
      expect.objectContaining({
        type: 'user.email_verification_requested',
        payload: { user_id: user.id, verification_id: verification!.id },
      }),
    ]);
    expect(verification).toMatchObject({ userId: user.id, email: 'ada@example.com', usedAt: null });
  });

  it('leaves the address unverified until its owner follows the link', async () => {
    const sut = inMemoryIdentity();
    const { user } = await sut.register.execute(command);
    expect(user.isEmailVerified()).toBe(false);
  });

  it('refuses a taken e-mail and keeps nothing of the attempt', async () => {
    const sut = inMemoryIdentity();
    await sut.register.execute(command);
    await expect(sut.register.execute({ ...command, handle: 'other' })).rejects.toBeInstanceOf(
      EmailAlreadyRegistered,
    );
    expect(sut.users.users.size).toBe(1);
    expect(sut.refreshTokens.tokens.size).toBe(1);
    expect(sut.events.published).toHaveLength(2);
    expect(sut.emailVerifications.verifications.size).toBe(1);
  });

  it('refuses a taken handle', async () => {
    const sut = inMemoryIdentity();
    await sut.register.execute(command);
    await expect(sut.register.execute({ ...command, email: 'b@example.com' })).rejects.toBeInstanceOf(
      HandleTaken,
    );
  });

  it('checks e-mail and password before spending a hash on them', async () => {
    const sut = inMemoryIdentity();
    await expect(sut.register.execute({ ...command, email: 'nope' })).rejects.toBeInstanceOf(
      InvalidEmailAddress,
    );
    await expect(sut.register.execute({ ...command, password: 'short' })).rejects.toBeInstanceOf(
      WeakPassword,
    );
    expect(sut.users.users.size).toBe(0);
  });

  it('refuses a common password before hashing or storing anything', async () => {
    const sut = inMemoryIdentity();
    await expect(sut.register.execute({ ...command, password: 'Password' })).rejects.toBeInstanceOf(
      CommonPassword,
    );
    expect(sut.users.users.size).toBe(0);
  });
});
