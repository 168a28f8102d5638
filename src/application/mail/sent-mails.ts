import { token } from '../shared/token.ts';

/**
 * Which digest events have already produced a mail accepted by the mail server.
 *
 * SMTP is outside every database transaction, so the mailer cannot commit "sent" together
 * with the send. Instead `recordSent` commits on its own, independently of the handler's
 * unit of work, right after the server accepted the message; the handler's own commit
 * (processed_events) and the broker ack come later. A worker killed between those steps
 * leaves the record behind, and the redelivered event finds it via `wasSent` and sends
 * nothing. The only window left is between the server's acceptance and this commit (one
 * round trip); a crash exactly there sends the mail again, under the same Message-ID.
 *
 * Where the database has a single connection (PGlite, embedded mode) no commit of its own
 * is possible while the handler's transaction is open: there the record joins that
 * transaction, and the embedded file mailer makes a repeated send rewrite the same file.
 */
export interface SentMails {
  wasSent(eventId: string): Promise<boolean>;
  /** Durable when it resolves, whatever happens to the caller's transaction afterwards (but see PGlite above). */
  recordSent(eventId: string, at: Date): Promise<void>;
}
export const SentMails = token<SentMails>('SentMails');
