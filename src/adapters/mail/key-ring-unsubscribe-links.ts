import type { UnsubscribeLinks } from '#application/digest/unsubscribe-links.ts';
import { InvalidUnsubscribeToken } from '#domain/digest/digest.errors.ts';
import type { KeyRing } from '../identity/key-ring.ts';
import { KeyRingSignatures } from '../identity/key-ring-signatures.ts';

/** Unsubscribe tokens signed with the access-token key ring (see `KeyRingSignatures`); they never expire. */
export class KeyRingUnsubscribeLinks implements UnsubscribeLinks {
  private readonly signatures: KeyRingSignatures;
  private readonly baseUrl: string;

  constructor(keys: KeyRing, publicUrl: string) {
    this.signatures = new KeyRingSignatures(keys, 'digest-unsubscribe:v1');
    this.baseUrl = `${publicUrl.replace(/\/$/, '')}/api/v1/digest/unsubscribe`;
  }

  linkFor(userId: string): string {
    return `${this.baseUrl}?token=${this.signatures.sign(userId)}`;
  }

  userIdFrom(token: string): string {
    const userId = this.signatures.idFrom(token);
    if (!userId) throw new InvalidUnsubscribeToken();
    return userId;
  }
}
