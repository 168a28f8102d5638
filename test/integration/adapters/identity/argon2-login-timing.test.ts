import { describe, expect, it } from '@jest/globals';
import { Argon2PasswordHasher } from '#adapters/identity/argon2-password-hasher.ts';
import { CryptoOpaqueTokens } from '#adapters/identity/crypto-opaque-tokens.ts';
import { LogIn } from '#application/identity/log-in.use-case.ts';
import { SessionIssuer } from '#application/identity/session-issuer.ts';
import { User } from '#domain/users/user.entity.ts';
import { FakeAccessTokenIssuer } from '../../../support/fakes/fake-access-token-issuer.ts';
import { FixedClock } from '../../../support/fakes/fixed-clock.ts';
import { InMemoryRefreshTokenRepository } from '../../../support/fakes/in-memory-refresh-token.repository.ts';
import { InMemoryUnitOfWork } from '../../../support/fakes/in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from '../../../support/fakes/in-memory-user.repository.ts';
import { SequentialIdGenerator } from '../../../support/fakes/sequential-id-generator.ts';

const ROUNDS = 16;

/**
 * Median time of each attempt, measured alternately so that load from other processes on
 * the machine weighs on both the same.
 */
async function medians(...attempts: (() => Promise<unknown>)[]): Promise<number[]> {
  const times = attempts.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, attempt] of attempts.entries()) {
      const started = performance.now();
      await attempt().catch(() => {});
      times[i]!.push(performance.now() - started);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!);
}

describe('LogIn with argon2id', () => {
  it('takes about as long for an unknown e-mail as for a wrong password', async () => {
    const uow = new InMemoryUnitOfWork();
    const users = new InMemoryUserRepository(uow);
    const hasher = new Argon2PasswordHasher();
    const user = User.register({
      id: 'u1',
      email: 'ada@example.com',
      handle: 'ada',
      passwordHash: await hasher.hash('correct horse'),
      at: new Date(),
    });
    await uow.transaction(() => users.add(user));
    const ids = new SequentialIdGenerator();
    const sessions = new SessionIssuer(
      new InMemoryRefreshTokenRepository(uow),
      new CryptoOpaqueTokens(),
      new FakeAccessTokenIssuer(),
      ids,
      { refreshTtlMs: 1_000 },
    );
    const logIn = new LogIn(uow, users, hasher, sessions, new FixedClock());

    await medians(() => logIn.execute({ email: 'warm@example.com', password: 'x' })); // warm-up
    const [wrongPassword = 0, unknownEmail = 0] = await medians(
      () => logIn.execute({ email: 'ada@example.com', password: 'wrong password' }),
      () => logIn.execute({ email: 'nobody@example.com', password: 'wrong password' }),
    );

    // Both spend one argon2id verification (tens of milliseconds); a shortcut would be ~0.
    expect(wrongPassword).toBeGreaterThan(5);
    expect(unknownEmail / wrongPassword).toBeGreaterThan(0.5);
    expect(unknownEmail / wrongPassword).toBeLessThan(2);
  });
});
