import type { EmailVerification } from '#domain/identity/email-verification.entity.ts';
import { token } from '../shared/token.ts';

/** The verification links sent, one row each (the link itself is never stored). */
export interface EmailVerificationRepository {
  add(verification: EmailVerification): Promise<void>;
  byId(id: string): Promise<EmailVerification | null>;
  /** The verification, held exclusively until the transaction ends (used once). */
  lockById(id: string): Promise<EmailVerification | null>;
  /** Deletes links that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
export const EmailVerificationRepository = token<EmailVerificationRepository>('EmailVerificationRepository');
