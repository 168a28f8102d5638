import { describe, expect, it } from '@jest/globals';
import { InvalidCredentials } from '#domain/identity/identity.errors.ts';
import { User } from '#domain/users/user.entity.ts';
import { inMemoryIdentity } from '../../../support/fakes/in-memory-identity.ts';

async function makeSut() {
  const sut = inMemoryIdentity();
  await sut.register.execute({ email: 'ada@example.com', password: 'correct horse', handle: 'ada' });
  sut.hasher.verified.length = 0;
  return sut;
}

describe('LogIn', () => {
  it('signs in with the right password, whatever the e-mail case', async () => {
    const sut = await makeSut();
    const session = await sut.logIn.execute({ email: ' ADA@example.com', password: 'correct horse' });
    expect(session.user.email).toBe('ada@example.com');
    expect(sut.refreshTokens.tokens.size).toBe(2);
  });

  it('gives one answer for a wrong password, an unknown e-mail and a malformed e-mail', async () => {
    const sut = await makeSut();
    for (const attempt of [
      { email: 'ada@example.com', password: 'wrong' },
      { email: 'nobody@example.com', password: 'correct horse' },
      { email: 'not an e-mail', password: 'correct horse' },
    ]) {
      await expect(sut.logIn.execute(attempt)).rejects.toBeInstanceOf(InvalidCredentials);
    }
    expect(sut.refreshTokens.tokens.size).toBe(1);
  });

  it('spends a password check even when there is no account, so timing does not tell', async () => {
    const sut = await makeSut();
    await expect(sut.logIn.execute({ email: 'nobody@example.com', password: 'x' })).rejects.toThrow();
    expect(sut.hasher.verified).toEqual([{ password: 'x', hash: null }]);
  });

  it('refuses a password for an account that signs in only through SSO', async () => {
    const sut = await makeSut();
    const ssoOnly = User.register({
      id: 'u-sso',
      email: 'sso@example.com',
      handle: 'sso_user',
      passwordHash: null,
      at: new Date(),
    });
    await sut.uow.transaction(() => sut.users.add(ssoOnly));
    await expect(sut.logIn.execute({ email: 'sso@example.com', password: '' })).rejects.toBeInstanceOf(
      InvalidCredentials,
    );
  });
});
