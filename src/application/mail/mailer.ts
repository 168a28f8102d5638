import { DomainError } from '#domain/shared/domain-error.ts';
import { token } from '../shared/token.ts';

export interface MailMessage {
  /**
   * Stable per logical message (the event id): adapters derive the Message-ID from it,
   * so a message sent again after a crash is recognisably the same one.
   */
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** One-click unsubscribe target (RFC 8058): adapters add `List-Unsubscribe` and `List-Unsubscribe-Post`. */
  unsubscribeUrl?: string | undefined;
}

/**
 * Hands a message to the mail system. Resolves only once the message was accepted
 * (the SMTP server's 250 after DATA, or the file written); rejects with
 * `MailTemporarilyRefused` when trying later may work and `MailRejected` when it cannot.
 * Message fields are data: adapters never read files or URLs named in them.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
export const Mailer = token<Mailer>('Mailer');

/** 4xx replies, refused or dropped connections, timeouts: retried with backoff. */
export class MailTemporarilyRefused extends DomainError {
  constructor(reason: string) {
    super(
      'mail.temporarily_refused',
      'unavailable',
      `The mail server refused the message for now: ${reason}`,
    );
  }
}

/** 5xx replies (unknown mailbox, policy): sending again would fail the same way, so it is dead-lettered. */
export class MailRejected extends DomainError {
  constructor(reason: string) {
    super('mail.rejected', 'invalid', `The mail server rejected the message: ${reason}`);
  }
}
