import { token } from '../shared/token.ts';
import type { VerifiedSsoClaims } from './verified-sso-claims.ts';

/** An SSO sign-in that met an existing account and waits for that account's password. */
export interface PendingSsoLink {
  claims: VerifiedSsoClaims;
  userId: string;
}

/**
 * Carries a pending link from the SSO callback to the password form, tamper-proof and
 * short-lived, without server state (any replica can finish it).
 */
export interface SsoLinkTickets {
  issue(link: PendingSsoLink, at: Date): string;
  /** The pending link, or throws `InvalidSsoLinkTicket` (unknown, tampered with or expired). */
  open(ticket: string, at: Date): PendingSsoLink;
}
export const SsoLinkTickets = token<SsoLinkTickets>('SsoLinkTickets');
