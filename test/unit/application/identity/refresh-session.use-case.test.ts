import { describe, expect, it } from '@jest/globals';
import { InvalidRefreshToken, RefreshTokenReused } from '#domain/identity/identity.errors.ts';
import { inMemoryIdentity, REFRESH_TTL_MS } from '../../../support/fakes/in-memory-identity.ts';

async function makeSut() {
  const sut = inMemoryIdentity();
  const first = await sut.register.execute({
    email: 'ada@example.com',
    password: 'correct horse',
    handle: 'ada',
  });
  return { sut, first };
}

describe('RefreshSession', () => {
  it('exchanges a refresh token for a new pair; the old one is spent', async () => {
    const { sut, first } = await makeSut();
    const next = await sut.refresh.execute({ refreshToken: first.refreshToken });
    expect(next.refreshToken).not.toBe(first.refreshToken);
    expect(next.user.id).toBe(first.user.id);
    await expect(sut.refresh.execute({ refreshToken: next.refreshToken })).resolves.toBeDefined();
  });

  it('revokes the whole family when a spent token comes back, and keeps that revocation', async () => {
    const { sut, first } = await makeSut();
    const second = await sut.refresh.execute({ refreshToken: first.refreshToken });
    await expect(sut.refresh.execute({ refreshToken: first.refreshToken })).rejects.toBeInstanceOf(
      RefreshTokenReused,
    );
    // The sibling the legitimate client holds stops working too.
    await expect(sut.refresh.execute({ refreshToken: second.refreshToken })).rejects.toBeInstanceOf(
      InvalidRefreshToken,
    );
    expect([...sut.refreshTokens.tokens.values()].every((t) => t.revokedAt !== null)).toBe(true);
  });

  it('leaves other sign-ins of the same user alone when one family is revoked', async () => {
    const { sut, first } = await makeSut();
    const other = await sut.logIn.execute({ email: 'ada@example.com', password: 'correct horse' });
    await sut.refresh.execute({ refreshToken: first.refreshToken });
    await expect(sut.refresh.execute({ refreshToken: first.refreshToken })).rejects.toThrow();
    await expect(sut.refresh.execute({ refreshToken: other.refreshToken })).resolves.toBeDefined();
  });

  it('refuses an unknown token', async () => {
    const { sut } = await makeSut();
    await expect(sut.refresh.execute({ refreshToken: 'made-up' })).rejects.toBeInstanceOf(
      InvalidRefreshToken,
    );
  });

  it('refuses an expired token without revoking anything', async () => {
    const { sut, first } = await makeSut();
    sut.clock.advance(REFRESH_TTL_MS);
    await expect(sut.refresh.execute({ refreshToken: first.refreshToken })).rejects.toBeInstanceOf(
      InvalidRefreshToken,
    );
  });

  it('keeps a session alive as long as it is used (each refresh restarts the period)', async () => {
    const { sut, first } = await makeSut();
    sut.clock.advance(REFRESH_TTL_MS - 1_000);
    const next = await sut.refresh.execute({ refreshToken: first.refreshToken });
    sut.clock.advance(REFRESH_TTL_MS - 1_000);
    await expect(sut.refresh.execute({ refreshToken: next.refreshToken })).resolves.toBeDefined();
  });

  it('refuses the token of a user who no longer exists', async () => {
    const { sut, first } = await makeSut();
    sut.users.users.delete(first.user.id);
    await expect(sut.refresh.execute({ refreshToken: first.refreshToken })).rejects.toBeInstanceOf(
      InvalidRefreshToken,
    );
  });
});
