import { describe, expect, it } from '@jest/globals';
import { CryptoOpaqueTokens } from '#adapters/identity/crypto-opaque-tokens.ts';

describe('CryptoOpaqueTokens', () => {
  const tokens = new CryptoOpaqueTokens();

  it('makes 256-bit URL-safe secrets that do not repeat', () => {
    const seen = new Set(Array.from({ length: 1_000 }, () => tokens.generate()));
    expect(seen.size).toBe(1_000);
    for (const secret of seen) expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('digests deterministically with SHA-256 (hex)', () => {
    expect(tokens.digest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
