import { describe, expect, it } from '@jest/globals';
import { InvalidRefreshToken } from '#domain/identity/identity.errors.ts';
import { inMemoryIdentity } from '../../../support/fakes/in-memory-identity.ts';

describe('LogOut', () => {
  it('revokes the refresh token and its family', async () => {
    const sut = inMemoryIdentity();
    const first = await sut.register.execute({
      email: 'ada@example.com',
      password: 'correct horse',
      handle: 'ada',
    });
    const second = await sut.refresh.execute({ refreshToken: first.refreshToken });
    await sut.logOut.execute({ userId: first.user.id, refreshToken: second.refreshToken });
    await expect(sut.refresh.execute({ refreshToken: second.refreshToken })).rejects.toBeInstanceOf(
      InvalidRefreshToken,
    );
  });

  it("ignores someone else's token and unknown tokens", async () => {
    const sut = inMemoryIdentity();
    const ada = await sut.register.execute({
      email: 'ada@example.com',
      password: 'correct horse',
      handle: 'ada',
    });
    const bob = await sut.register.execute({
      email: 'bob@example.com',
      password: 'correct horse',
      handle: 'bob',
    });
    await sut.logOut.execute({ userId: bob.user.id, refreshToken: ada.refreshToken });
    await sut.logOut.execute({ userId: bob.user.id, refreshToken: 'unknown' });
    await expect(sut.refresh.execute({ refreshToken: ada.refreshToken })).resolves.toBeDefined();
  });
});
