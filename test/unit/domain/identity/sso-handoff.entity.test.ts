import { describe, expect, it } from '@jest/globals';
import { InvalidSsoHandoff } from '#domain/identity/identity.errors.ts';
import { SsoHandoff } from '#domain/identity/sso-handoff.entity.ts';

const at = new Date('2026-11-22T09:00:00.000Z');
const create = () => SsoHandoff.create({ codeHash: 'c', userId: 'u1', at, ttlMs: 60_000 });

describe('SsoHandoff', () => {
  it('is redeemed once, for the user it was made for', () => {
    const handoff = create();
    expect(handoff.redeem(new Date(at.getTime() + 1_000))).toBe('u1');
    expect(() => handoff.redeem(new Date(at.getTime() + 2_000))).toThrow(InvalidSsoHandoff);
  });

  it('cannot be redeemed after it expired', () => {
    expect(() => create().redeem(new Date(at.getTime() + 60_000))).toThrow(InvalidSsoHandoff);
  });
});
