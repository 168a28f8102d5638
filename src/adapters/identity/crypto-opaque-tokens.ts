import { createHash, randomBytes } from 'node:crypto';
import type { OpaqueTokens } from '#application/identity/opaque-tokens.ts';

/**
 * 256-bit random secrets (base64url) and their SHA-256 digests. A fast hash is right
 * here, unlike for passwords: the secrets carry full entropy, so there is nothing to brute-force.
 */
export class CryptoOpaqueTokens implements OpaqueTokens {
  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  digest(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }
}
