import { describe, expect, it } from '@jest/globals';
import { PurgeExpiredCredentials } from '#application/identity/purge-expired-credentials.use-case.ts';
import { inMemoryIdentity, REFRESH_TTL_MS } from '../../../support/fakes/in-memory-identity.ts';

const DAY = 86_400_000;

describe('PurgeExpiredCredentials', () => {
  it('deletes credentials and verification links expired for more than a day, and keeps the rest', async () => {
    const sut = inMemoryIdentity();
    const purge = new PurgeExpiredCredentials(
      sut.refreshTokens,
      sut.handoffs,
      sut.emailVerifications,
      sut.clock,
    );
    const old = await sut.register.execute({
      email: 'a@example.com',
      password: 'correct horse',
      handle: 'aaa',
    });
    await sut.refresh.execute({ refreshToken: old.refreshToken }); // a rotated token and its successor
    sut.clock.advance(REFRESH_TTL_MS + DAY - 1);
    const recent = await sut.logIn.execute({ email: 'a@example.com', password: 'correct horse' });
    // The sign-up's verification link (48 hours) is long expired by then.
    expect(await purge.execute()).toEqual({ refreshTokens: 0, ssoCodes: 0, verificationLinks: 1 });
    sut.clock.advance(2);
    expect(await purge.execute()).toEqual({ refreshTokens: 2, ssoCodes: 0, verificationLinks: 0 });
    await expect(sut.refresh.execute({ refreshToken: recent.refreshToken })).resolves.toBeDefined();
  });
});
