import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { SsoStateSealer, type SsoState } from '#adapters/identity/oidc/sso-state-sealer.ts';

const state: SsoState = {
  provider: 'google',
  handle: 'h',
  nonce: 'n',
  verifier: 'v',
  next: '/web/upload',
  issuedAt: 1_000_000,
};
const secret = randomBytes(32);

describe('SsoStateSealer', () => {
  it('opens what it sealed, and the sealed form reveals nothing', () => {
    const sealer = new SsoStateSealer([secret]);
    const sealed = sealer.seal(state);
    expect(sealed).not.toContain('google');
    expect(sealer.unseal(sealed, state.issuedAt + 1_000, 600_000)).toEqual(state);
  });

  it('refuses a tampered value', () => {
    const sealer = new SsoStateSealer([secret]);
    const raw = Buffer.from(sealer.seal(state), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(sealer.unseal(raw.toString('base64url'), state.issuedAt, 600_000)).toBeNull();
    expect(sealer.unseal('garbage', state.issuedAt, 600_000)).toBeNull();
  });

  it('refuses a value sealed by someone else', () => {
    const sealed = new SsoStateSealer([randomBytes(32)]).seal(state);
    expect(new SsoStateSealer([secret]).unseal(sealed, state.issuedAt, 600_000)).toBeNull();
  });

  it('refuses a state older than its lifetime', () => {
    const sealer = new SsoStateSealer([secret]);
    expect(sealer.unseal(sealer.seal(state), state.issuedAt + 600_001, 600_000)).toBeNull();
  });

  it('still opens states sealed before a key rotation', () => {
    const before = new SsoStateSealer([secret]).seal(state);
    const rotated = new SsoStateSealer([randomBytes(32), secret]);
    expect(rotated.unseal(before, state.issuedAt, 600_000)).toEqual(state);
  });
});
