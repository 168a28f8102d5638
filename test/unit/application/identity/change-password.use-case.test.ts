import { describe, expect, it } from '@jest/globals';
import { InvalidCredentials, InvalidRefreshToken, WrongPassword } from '#domain/identity/identity.errors.ts';
import { CommonPassword, WeakPassword } from '#domain/identity/password-policy.ts';
import { User } from '#domain/users/user.entity.ts';
import { PasswordNotSet } from '#domain/users/user.errors.ts';
import { inMemoryIdentity } from '../../../support/fakes/in-memory-identity.ts';

async function makeSut() {
  const sut = inMemoryIdentity();
  const first = await sut.register.execute({
    email: 'ada@example.com',
    password: 'correct horse',
    handle: 'ada',
  });
  const other = await sut.logIn.execute({ email: 'ada@example.com', password: 'correct horse' });
  return { sut, first, other, userId: first.user.id };
}

describe('ChangePassword', () => {
  it('changes the password, signs every session out and starts a new one', async () => {
    const { sut, first, other, userId } = await makeSut();
    const session = await sut.changePassword.execute({
      userId,
      currentPassword: 'correct horse',
      newPassword: 'battery staple',
    });
    for (const old of [first, other]) {
      await expect(sut.refresh.execute({ refreshToken: old.refreshToken })).rejects.toBeInstanceOf(
        InvalidRefreshToken,
      );
    }
    await expect(sut.refresh.execute({ refreshToken: session.refreshToken })).resolves.toBeDefined();
    await expect(
      sut.logIn.execute({ email: 'ada@example.com', password: 'correct horse' }),
    ).rejects.toBeInstanceOf(InvalidCredentials);
    await expect(
      sut.logIn.execute({ email: 'ada@example.com', password: 'battery staple' }),
    ).resolves.toBeDefined();
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const { sut, first, userId } = await makeSut();
    await expect(
      sut.changePassword.execute({ userId, currentPassword: 'wrong', newPassword: 'battery staple' }),
    ).rejects.toBeInstanceOf(WrongPassword);
    await expect(sut.refresh.execute({ refreshToken: first.refreshToken })).resolves.toBeDefined();
  });

  it('refuses a weak new password', async () => {
    const { sut, userId } = await makeSut();
    await expect(
      sut.changePassword.execute({ userId, currentPassword: 'correct horse', newPassword: 'short' }),
    ).rejects.toBeInstanceOf(WeakPassword);
  });

  it('refuses a common new password and keeps the sessions', async () => {
    const { sut, first, userId } = await makeSut();
    await expect(
      sut.changePassword.execute({ userId, currentPassword: 'correct horse', newPassword: '12345678' }),
    ).rejects.toBeInstanceOf(CommonPassword);
    await expect(sut.refresh.execute({ refreshToken: first.refreshToken })).resolves.toBeDefined();
  });

  it('refuses accounts that have no password (SSO only)', async () => {
    const { sut } = await makeSut();
    const sso = User.register({
      id: 'u-sso',
      email: 's@example.com',
      handle: 'sso_one',
      passwordHash: null,
      at: new Date(),
    });
    await sut.uow.transaction(() => sut.users.add(sso));
    await expect(
      sut.changePassword.execute({ userId: 'u-sso', currentPassword: '', newPassword: 'battery staple' }),
    ).rejects.toBeInstanceOf(PasswordNotSet);
  });
});
