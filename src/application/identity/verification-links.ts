import { token } from '../shared/token.ts';

/**
 * Signed verification links: a link names one `EmailVerification` and cannot be forged or
 * altered; whether it is still usable is the record's business (expiry, single use).
 */
export interface VerificationLinks {
  linkFor(verificationId: string): string;
  /** The verification a token was signed for; throws `InvalidVerificationLink` for anything else. */
  verificationIdFrom(token: string): string;
}
export const VerificationLinks = token<VerificationLinks>('VerificationLinks');
