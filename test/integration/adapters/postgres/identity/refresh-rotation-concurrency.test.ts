import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CryptoOpaqueTokens } from '#adapters/identity/crypto-opaque-tokens.ts';
import { PostgresRefreshTokenRepository } from '#adapters/postgres/identity/postgres-refresh-token.repository.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import { SystemClock } from '#adapters/system/system-clock.ts';
import { RefreshSession } from '#application/identity/refresh-session.use-case.ts';
import { SessionIssuer } from '#application/identity/session-issuer.ts';
import { InvalidRefreshToken, RefreshTokenReused } from '#domain/identity/identity.errors.ts';
import { aUser } from '../../../../support/builders/user.builder.ts';
import { openPostgresForTest, type OpenedTestDatabase } from '../../../../support/databases.ts';
import { FakeAccessTokenIssuer } from '../../../../support/fakes/fake-access-token-issuer.ts';

const PAIRS = 20;

describe('refresh token rotation on PostgreSQL under concurrency', () => {
  let db: OpenedTestDatabase;
  beforeAll(async () => {
    db = await openPostgresForTest();
  });
  afterAll(() => db.close());

  it('lets exactly one of two simultaneous refreshes win; the other is a reuse that revokes the family', async () => {
    const em = db.orm.em;
    const uow = new PostgresUnitOfWork(em);
    const users = new PostgresUserRepository(em);
    const tokens = new PostgresRefreshTokenRepository(em);
    const opaque = new CryptoOpaqueTokens();
    const sessions = new SessionIssuer(tokens, opaque, new FakeAccessTokenIssuer(), new UuidV7IdGenerator(), {
      refreshTtlMs: 86_400_000,
    });
    const refresh = new RefreshSession(uow, tokens, users, opaque, sessions, new SystemClock());
    const user = aUser();
    await uow.transaction(() => users.add(user));

    let winners = 0;
    let reuses = 0;
    for (let i = 0; i < PAIRS; i++) {
      const first = await uow.transaction(() => sessions.start(user, new Date()));
      const outcomes = await Promise.allSettled([
        refresh.execute({ refreshToken: first.refreshToken }),
        refresh.execute({ refreshToken: first.refreshToken }),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      winners += won.length;
      reuses += outcomes.filter(
        (o) => o.status === 'rejected' && o.reason instanceof RefreshTokenReused,
      ).length;
      // The winner's new token belongs to the revoked family: it is dead too.
      const next = (won[0] as PromiseFulfilledResult<{ refreshToken: string }>).value.refreshToken;
      await expect(refresh.execute({ refreshToken: next })).rejects.toBeInstanceOf(InvalidRefreshToken);
    }
    expect({ winners, reuses }).toEqual({ winners: PAIRS, reuses: PAIRS });
  });
});
