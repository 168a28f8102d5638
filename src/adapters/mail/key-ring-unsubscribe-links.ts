import { sign, verify } from 'node:crypto';
import type { UnsubscribeLinks } from '#application/digest/unsubscribe-links.ts';
import { InvalidUnsubscribeToken } from '#domain/digest/digest.errors.ts';
import type { KeyRing } from '../identity/key-ring.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Domain separation: this exact string is what is signed, and it can never be the
// signing input of a JWT (which is two base64url segments joined by a dot).
const purpose = (userId: string) => Buffer.from(`rookery:digest-unsubscribe:v1:${userId}`);

/**
 * Tokens `<user id>.<key id>.<ES256 signature>`, signed with the access-token key ring:
 * no extra secret to manage, and a link keeps working across key rotations for as long as
 * its key stays in the ring (as tokens signed before a rotation do).
 */
export class KeyRingUnsubscribeLinks implements UnsubscribeLinks {
  private readonly keys: KeyRing;
  private readonly baseUrl: string;

  constructor(keys: KeyRing, publicUrl: string) {
    this.keys = keys;
    this.baseUrl = `${publicUrl.replace(/\/$/, '')}/api/v1/digest/unsubscribe`;
  }

  linkFor(userId: string): string {
    const key = this.keys.signing;
    const signature = sign('sha256', purpose(userId), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${this.baseUrl}?token=${userId}.${key.kid}.${signature.toString('base64url')}`;
  }

  userIdFrom(token: string): string {
    const first = token.indexOf('.');
    const last = token.lastIndexOf('.');
    const userId = token.slice(0, first);
    const key = first > 0 && last > first ? this.keys.byKid(token.slice(first + 1, last)) : undefined;
    const signature = Buffer.from(token.slice(last + 1), 'base64url');
    const valid =
      key !== undefined &&
      UUID.test(userId) &&
      signature.length === 64 &&
      verify('sha256', purpose(userId), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    if (!valid) throw new InvalidUnsubscribeToken();
    return userId;
  }
}
