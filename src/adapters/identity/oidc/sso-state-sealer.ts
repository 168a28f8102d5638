import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { KeyRing } from '../key-ring.ts';

/** What the browser carries between the redirect to the provider and the callback. */
export interface SsoState {
  provider: string;
  /** The OAuth `state` value (CSRF protection: the callback must present the same one). */
  handle: string;
  nonce: string;
  /** PKCE code verifier; only its S256 challenge ever leaves Rookery before the callback. */
  verifier: string;
  /** Where the web app goes after signing in (a local path). */
  next: string;
  issuedAt: number;
}

/**
 * Seals the SSO state into a cookie value with AES-256-GCM (confidential and tamper-evident),
 * so the flow needs no server-side session and works on any replica. Keys are derived with
 * HKDF from the access-token signing keys, which every replica already shares; all of them
 * open, the current one seals, so a key rotation does not break flows in progress.
 */
export class SsoStateSealer<T extends { issuedAt: number } = SsoState> {
  private readonly secrets: readonly Buffer[];

  constructor(secrets: readonly Buffer[]) {
    if (secrets.length === 0) throw new Error('SsoStateSealer needs at least one secret');
    this.secrets = secrets;
  }

  /** `purpose` separates the keys of each kind of sealed value: one never opens as another. */
  static fromKeyRing<T extends { issuedAt: number } = SsoState>(
    keys: KeyRing,
    purpose = 'sso-state',
  ): SsoStateSealer<T> {
    const derive = (key: KeyRing['signing']) =>
      Buffer.from(
        hkdfSync('sha256', key.privateKey.export({ format: 'der', type: 'pkcs8' }), 'rookery', purpose, 32),
      );
    return new SsoStateSealer<T>([
      derive(keys.signing),
      ...keys.keys.filter((k) => k !== keys.signing).map(derive),
    ]);
  }

  seal(state: T): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.secrets[0]!, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The state, or null when it was tampered with, sealed by a stranger, or is older than `maxAgeMs`. */
  unseal(sealed: string, nowMs: number, maxAgeMs: number): T | null {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    for (const secret of this.secrets) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        const state = JSON.parse(json) as T;
        return nowMs - state.issuedAt <= maxAgeMs ? state : null;
      } catch {
        // not sealed with this secret; try the next
      }
    }
    return null;
  }
}
