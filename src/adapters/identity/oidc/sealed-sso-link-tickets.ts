import type { PendingSsoLink, SsoLinkTickets } from '#application/identity/sso-link-tickets.ts';
import { InvalidSsoLinkTicket } from '#domain/identity/identity.errors.ts';
import type { KeyRing } from '../key-ring.ts';
import { SsoStateSealer } from './sso-state-sealer.ts';

const TICKET_MAX_AGE_MS = 10 * 60_000;

type SealedLink = PendingSsoLink & { issuedAt: number };

/**
 * Pending links sealed with AES-256-GCM under keys of their own (HKDF purpose `sso-link`),
 * like the SSO state cookie: confidential (the claims never show), tamper-evident, valid for
 * ten minutes, openable on any replica. Replaying one only repeats the password check.
 */
export class SealedSsoLinkTickets implements SsoLinkTickets {
  private readonly sealer: SsoStateSealer<SealedLink>;

  constructor(keys: KeyRing) {
    this.sealer = SsoStateSealer.fromKeyRing<SealedLink>(keys, 'sso-link');
  }

  issue(link: PendingSsoLink, at: Date): string {
    return this.sealer.seal({ ...link, issuedAt: at.getTime() });
  }

  open(ticket: string, at: Date): PendingSsoLink {
    const sealed = ticket.length <= 4096 ? this.sealer.unseal(ticket, at.getTime(), TICKET_MAX_AGE_MS) : null;
    if (!sealed) throw new InvalidSsoLinkTicket();
    return { claims: sealed.claims, userId: sealed.userId };
  }
}
