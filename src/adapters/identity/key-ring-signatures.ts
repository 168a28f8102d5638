import { sign, verify } from 'node:crypto';
import type { KeyRing } from './key-ring.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Tokens `<uuid>.<key id>.<ES256 signature>` that vouch for one id for one purpose, signed
 * with the access-token key ring: no extra secret to manage, and a token keeps working
 * across key rotations for as long as its key stays in the ring.
 */
export class KeyRingSignatures {
  private readonly keys: KeyRing;
  private readonly purpose: string;

  /** `purpose` (e.g. `digest-unsubscribe:v1`) is signed too: a token for one use is void for any other. */
  constructor(keys: KeyRing, purpose: string) {
    this.keys = keys;
    this.purpose = purpose;
  }

  sign(id: string): string {
    const key = this.keys.signing;
    const signature = sign('sha256', this.input(id), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${id}.${key.kid}.${signature.toString('base64url')}`;
  }

  /** The id a token was signed for, or null for anything else. */
  idFrom(token: string): string | null {
    const first = token.indexOf('.');
    const last = token.lastIndexOf('.');
    const id = token.slice(0, first);
    const key = first > 0 && last > first ? this.keys.byKid(token.slice(first + 1, last)) : undefined;
    const signature = Buffer.from(token.slice(last + 1), 'base64url');
    const valid =
      key !== undefined &&
      UUID.test(id) &&
      signature.length === 64 &&
      verify('sha256', this.input(id), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    return valid ? id : null;
  }

  // Domain separation: this exact string is what is signed, and it can never be the
  // signing input of a JWT (which is two base64url segments joined by a dot).
  private input(id: string): Buffer {
    return Buffer.from(`rookery:${this.purpose}:${id}`);
  }
}
