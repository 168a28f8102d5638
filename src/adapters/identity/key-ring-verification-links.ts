import type { VerificationLinks } from '#application/identity/verification-links.ts';
import { InvalidVerificationLink } from '#domain/identity/identity.errors.ts';
import type { KeyRing } from './key-ring.ts';
import { KeyRingSignatures } from './key-ring-signatures.ts';

/** Path of the web page that confirms an address; also where the mail's link points. */
export const VERIFY_EMAIL_PAGE = '/web/verify-email';

/**
 * Links to the confirmation page with the signed token in the fragment: browsers never
 * send fragments to servers, so no access log, proxy or Referer sees it; the page posts it.
 */
export class KeyRingVerificationLinks implements VerificationLinks {
  private readonly signatures: KeyRingSignatures;
  private readonly pageUrl: string;

  constructor(keys: KeyRing, publicUrl: string) {
    this.signatures = new KeyRingSignatures(keys, 'email-verification:v1');
    this.pageUrl = `${publicUrl.replace(/\/$/, '')}${VERIFY_EMAIL_PAGE}`;
  }

  linkFor(verificationId: string): string {
    return `${this.pageUrl}#token=${this.signatures.sign(verificationId)}`;
  }

  verificationIdFrom(token: string): string {
    const id = token.length <= 512 ? this.signatures.idFrom(token) : null;
    if (!id) throw new InvalidVerificationLink();
    return id;
  }
}
