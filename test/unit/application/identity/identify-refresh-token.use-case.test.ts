import { describe, expect, it } from '@jest/globals';
import { inMemoryIdentity } from '../../../support/fakes/in-memory-identity.ts';

async function makeSut() {
  const sut = inMemoryIdentity();
  const first = await sut.register.execute({
    email: 'ada@example.com',
    password: 'correct horse',
    handle: 'ada',
  });
  return { sut, first };
}

describe('IdentifyRefreshToken', () => {
  it('names the user and the sign-in family of a token, whatever state it is in', async () => {
    const { sut, first } = await makeSut();
    const familyId = [...sut.refreshTokens.tokens.values()][0]!.familyId;
    const next = await sut.refresh.execute({ refreshToken: first.refreshToken });
    const holder = { userId: first.user.id, familyId };
    // The spent token still names its family, so a replay of it is counted against that sign-in.
    expect(await sut.identifyRefreshToken.execute({ refreshToken: first.refreshToken })).toEqual(holder);
    expect(await sut.identifyRefreshToken.execute({ refreshToken: next.refreshToken })).toEqual(holder);
  });

  it('tells sign-ins of one user apart', async () => {
    const { sut, first } = await makeSut();
    const other = await sut.logIn.execute({ email: 'ada@example.com', password: 'correct horse' });
    const [a, b] = await Promise.all(
      [first, other].map((s) => sut.identifyRefreshToken.execute({ refreshToken: s.refreshToken })),
    );
    expect(a?.userId).toBe(b?.userId);
    expect(a?.familyId).not.toBe(b?.familyId);
  });

  it('answers null for a token never issued, and does not spend the tokens it names', async () => {
    const { sut, first } = await makeSut();
    expect(await sut.identifyRefreshToken.execute({ refreshToken: 'made-up' })).toBeNull();
    await sut.identifyRefreshToken.execute({ refreshToken: first.refreshToken });
    await expect(sut.refresh.execute({ refreshToken: first.refreshToken })).resolves.toBeDefined();
  });
});
