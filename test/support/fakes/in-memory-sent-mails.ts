import type { SentMails } from '#application/mail/sent-mails.ts';

/** Records at once, whatever the caller's unit of work does next (like the PostgreSQL adapter). */
export class InMemorySentMails implements SentMails {
  readonly sent = new Map<string, Date>();

  async wasSent(eventId: string): Promise<boolean> {
    return this.sent.has(eventId);
  }

  async recordSent(eventId: string, at: Date): Promise<void> {
    if (!this.sent.has(eventId)) this.sent.set(eventId, at);
  }
}
