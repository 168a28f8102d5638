import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Context } from 'koa';
import { ConfirmedUsers } from '#adapters/http/identity/confirmed-users.ts';
import { requireUser } from '#adapters/http/identity/require-user.middleware.ts';
import { InvalidAccessToken, JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { KeyRing } from '#adapters/identity/key-ring.ts';
import { FixedClock } from '../../../../support/fakes/fixed-clock.ts';

const TTL_MS = 5_000;
const ada = '0193f5c2-7a1e-7000-8000-00000000000a';

let dir: string;
let tokens: JwtAccessTokens;
const clock = new FixedClock();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rookery-require-user-'));
  const keys = await KeyRing.load(dir, { generateIfEmpty: true });
  tokens = new JwtAccessTokens(
    keys,
    { issuer: 'https://rookery.test', audience: 'rookery', ttlSeconds: 900 },
    clock,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** An account store that counts its existence checks. */
function makeSut(ttlMs = TTL_MS) {
  const accounts = new Set([ada]);
  let checks = 0;
  const users = {
    exists: async (id: string) => {
      checks++;
      return accounts.has(id);
    },
  };
  const confirmed = new ConfirmedUsers({ ttlMs, now: () => clock.now().getTime() });
  const guard = requireUser(tokens, users, confirmed);
  const call = async (token: string) => {
    const ctx = {
      state: {} as { userId?: string },
      get: (name: string) => (name === 'Authorization' ? `Bearer ${token}` : ''),
    } as unknown as Context;
    await guard(ctx, async () => {});
    return ctx.state.userId;
  };
  return { accounts, call, checks: () => checks };
}

describe('requireUser', () => {
  it('asks whether the account exists once per user within the TTL, not on every request', async () => {
    const sut = makeSut();
    const { token } = await tokens.issue(ada);
    expect([await sut.call(token), await sut.call(token), await sut.call(token)]).toEqual([ada, ada, ada]);
    expect(sut.checks()).toBe(1);
    clock.advance(TTL_MS);
    expect(await sut.call(token)).toBe(ada);
    expect(sut.checks()).toBe(2);
  });

  it('refuses the valid token of a deleted account once the TTL has passed', async () => {
    const sut = makeSut();
    const { token } = await tokens.issue(ada);
    expect(await sut.call(token)).toBe(ada);
    sut.accounts.delete(ada);
    clock.advance(TTL_MS);
    await expect(sut.call(token)).rejects.toThrow(InvalidAccessToken);
    await expect(sut.call(token)).rejects.toThrow(/no longer exists/);
  });

  it('never remembers a missing account: it is refused on every request', async () => {
    const sut = makeSut();
    const { token } = await tokens.issue('0193f5c2-7a1e-7000-8000-0000000000ff');
    await expect(sut.call(token)).rejects.toThrow(/no longer exists/);
    await expect(sut.call(token)).rejects.toThrow(/no longer exists/);
    expect(sut.checks()).toBe(2);
  });

  it('asks on every request when the TTL is 0', async () => {
    const sut = makeSut(0);
    const { token } = await tokens.issue(ada);
    await sut.call(token);
    await sut.call(token);
    expect(sut.checks()).toBe(2);
  });
});
