import { token } from '../shared/token.ts';

/**
 * Unguessable bearer secrets (refresh tokens, one-time SSO codes) and their digests. Only
 * digests are stored, so a leaked database holds nothing a client could present.
 */
export interface OpaqueTokens {
  /** A new secret with at least 256 bits of entropy, URL-safe. */
  generate(): string;
  /** A deterministic digest to store and look the secret up by. */
  digest(token: string): string;
}
export const OpaqueTokens = token<OpaqueTokens>('OpaqueTokens');
