import { describe, expect, it } from '@jest/globals';
import type { Context } from 'koa';
import {
  delayAfter,
  failedAttemptsGuard,
} from '#adapters/http/rate-limit/failed-attempts-guard.middleware.ts';
import { RateLimited } from '#adapters/http/rate-limit/rate-limited.error.ts';
import { RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';

class WrongPassword extends Error {}

type Options = Parameters<typeof failedAttemptsGuard>[1];

function makeSut(overrides: Partial<Options> = {}) {
  return failedAttemptsGuard(new RateLimiterStore(null), {
    name: `t${Math.random()}`,
    maxPerAccount: 3,
    maxPerIp: 100,
    windowSeconds: 60,
    baseDelayMs: 0,
    account: (ctx) => (ctx.request.body as { email?: string }).email,
    isFailure: (error) => error instanceof WrongPassword,
    ...overrides,
  });
}
const attempt = (email: string, ip = '10.0.0.1') =>
  ({ ip, state: {}, request: { body: { email } }, set: () => {} }) as unknown as Context;
const fail = async () => {
  throw new WrongPassword();
};
const succeed = async () => {};

describe('failedAttemptsGuard', () => {
  it('refuses the attempt after the allowed failures with 429, even with the right password', async () => {
    const guard = makeSut();
    for (let i = 0; i < 3; i++)
      await expect(guard(attempt('ada'), fail)).rejects.toBeInstanceOf(WrongPassword);
    await expect(guard(attempt('ada'), succeed)).rejects.toBeInstanceOf(RateLimited);
    await expect(guard(attempt('bob'), succeed)).resolves.toBeUndefined();
  });

  it('forgets an account’s failures when it signs in', async () => {
    const guard = makeSut();
    for (let i = 0; i < 2; i++) await guard(attempt('ada'), fail).catch(() => {});
    await guard(attempt('ada'), succeed);
    for (let i = 0; i < 2; i++) await guard(attempt('ada'), fail).catch(() => {});
    await expect(guard(attempt('ada'), succeed)).resolves.toBeUndefined();
  });

  describe('per (account, address)', () => {
    const perAddress = (maxPerAccountEverywhere = 100) =>
      makeSut({ scope: { kind: 'per-address', maxPerAccountEverywhere, knownAddressDays: 14 } });

    it('lets the owner in from another address while the attacker’s address is refused', async () => {
      const guard = perAddress();
      for (let i = 0; i < 3; i++)
        await expect(guard(attempt('ada', '203.0.113.9'), fail)).rejects.toBeInstanceOf(WrongPassword);
      await expect(guard(attempt('ada', '203.0.113.9'), succeed)).rejects.toBeInstanceOf(RateLimited);
      await expect(guard(attempt('ada', '198.51.100.7'), succeed)).resolves.toBeUndefined();
    });

    it('does not slow the owner down for failures sent from elsewhere', async () => {
      const guard = makeSut({
        baseDelayMs: 200,
        maxPerAccount: 10,
        scope: { kind: 'per-address', maxPerAccountEverywhere: 100, knownAddressDays: 14 },
      });
      for (let i = 0; i < 5; i++) await guard(attempt('ada', '203.0.113.9'), fail).catch(() => {});
      const started = performance.now();
      await guard(attempt('ada', '198.51.100.7'), fail).catch(() => {});
      expect(performance.now() - started).toBeLessThan(150);
    });

    it('under a distributed attack, admits only addresses that signed in to the account before', async () => {
      const guard = perAddress(4);
      await guard(attempt('ada', '198.51.100.7'), succeed); // the owner's usual address
      for (let i = 0; i < 4; i++) await guard(attempt('ada', `203.0.113.${i}`), fail).catch(() => {});
      await expect(guard(attempt('ada', '203.0.113.50'), succeed)).rejects.toBeInstanceOf(RateLimited);
      await expect(guard(attempt('ada', '198.51.100.7'), succeed)).resolves.toBeUndefined();
      await expect(guard(attempt('bob', '203.0.113.50'), succeed)).resolves.toBeUndefined();
    });
  });

  it('counts failures per address across accounts', async () => {
    const guard = makeSut({ maxPerIp: 4 });
    for (const email of ['a', 'b', 'c', 'd']) await guard(attempt(email), fail).catch(() => {});
    await expect(guard(attempt('e'), succeed)).rejects.toBeInstanceOf(RateLimited);
    await expect(guard(attempt('e', '10.0.0.2'), succeed)).resolves.toBeUndefined();
  });

  it('slows the third and later failures down, doubling the base delay each time', async () => {
    const guard = makeSut({ baseDelayMs: 60, maxPerAccount: 10 });
    const elapsed = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      await guard(attempt('ada'), fail).catch(() => {});
      elapsed.push(performance.now() - started);
    }
    expect(elapsed[2]).toBeGreaterThanOrEqual(55);
    expect(elapsed[3]).toBeGreaterThanOrEqual(115);
  });

  it('counts per account an account it has to look up first', async () => {
    const owners = new Map([
      ['token-1', 'ada'],
      ['token-2', 'ada'],
      ['token-3', 'ada'],
      ['token-4', 'bob'],
    ]);
    const guard = makeSut({
      account: async (ctx) => owners.get((ctx.request.body as { email: string }).email),
    });
    for (const token of ['token-1', 'token-2', 'token-3'])
      await expect(guard(attempt(token), fail)).rejects.toBeInstanceOf(WrongPassword);
    await expect(guard(attempt('token-1'), succeed)).rejects.toBeInstanceOf(RateLimited);
    await expect(guard(attempt('token-4'), succeed)).resolves.toBeUndefined();
  });

  it('does not count other errors', async () => {
    const guard = makeSut();
    const broken = async () => {
      throw new Error('database down');
    };
    for (let i = 0; i < 5; i++) await guard(attempt('ada'), broken).catch(() => {});
    await expect(guard(attempt('ada'), succeed)).resolves.toBeUndefined();
  });
});

describe('delayAfter', () => {
  it('leaves the first two failures free, then doubles, capped at 16×', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => delayAfter(n, 100))).toEqual([
      0, 0, 100, 200, 400, 800, 1600, 1600, 1600,
    ]);
  });
});
