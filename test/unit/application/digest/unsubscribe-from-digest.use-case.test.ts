import { describe, expect, it } from '@jest/globals';
import { UnsubscribeFromDigest } from '#application/digest/unsubscribe-from-digest.use-case.ts';
import { InvalidUnsubscribeToken } from '#domain/digest/digest.errors.ts';
import { aUser } from '../../../support/builders/user.builder.ts';
import { FixedClock } from '../../../support/fakes/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/fakes/in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from '../../../support/fakes/in-memory-user.repository.ts';

async function makeSut() {
  const unitOfWork = new InMemoryUnitOfWork();
  const users = new InMemoryUserRepository(unitOfWork);
  const user = aUser();
  await unitOfWork.transaction(() => users.add(user));
  const links = {
    linkFor: (id: string) => `signed:${id}`,
    userIdFrom: (token: string) => {
      if (!token.startsWith('signed:')) throw new InvalidUnsubscribeToken();
      return token.slice('signed:'.length);
    },
  };
  return { user, sut: new UnsubscribeFromDigest({ unitOfWork, users, links, clock: new FixedClock() }) };
}

describe('UnsubscribeFromDigest', () => {
  it("turns the token's user's digest off, and succeeds again when repeated", async () => {
    const { sut, user } = await makeSut();
    await sut.execute({ token: `signed:${user.id}` });
    await sut.execute({ token: `signed:${user.id}` });
    expect(user.digestEnabled).toBe(false);
  });

  it('succeeds for an account that no longer exists', async () => {
    const { sut } = await makeSut();
    await expect(
      sut.execute({ token: 'signed:00000000-0000-7000-8000-00000000dead' }),
    ).resolves.toBeUndefined();
  });

  it('refuses a token it did not issue and changes nothing', async () => {
    const { sut, user } = await makeSut();
    await expect(sut.execute({ token: `forged:${user.id}` })).rejects.toBeInstanceOf(InvalidUnsubscribeToken);
    expect(user.digestEnabled).toBe(true);
  });
});
