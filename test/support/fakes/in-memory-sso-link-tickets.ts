import type { PendingSsoLink, SsoLinkTickets } from '#application/identity/sso-link-tickets.ts';
import { InvalidSsoLinkTicket } from '#domain/identity/identity.errors.ts';

/** Tickets as keys of a map: what `SealedSsoLinkTickets` does with a cipher, minus the cipher. */
export class InMemorySsoLinkTickets implements SsoLinkTickets {
  readonly issued = new Map<string, PendingSsoLink>();

  issue(link: PendingSsoLink): string {
    const ticket = `ticket-${this.issued.size + 1}`;
    this.issued.set(ticket, structuredClone(link));
    return ticket;
  }

  open(ticket: string): PendingSsoLink {
    const link = this.issued.get(ticket);
    if (!link) throw new InvalidSsoLinkTicket();
    return link;
  }
}
