import type { SendMailOptions } from 'nodemailer';
import type { MailMessage } from '#application/mail/mailer.ts';

/**
 * Message fields are data from events and users, never instructions: with these flags
 * nodemailer refuses to read a file or fetch a URL named in any field (attachments,
 * alternatives, raw sources), whatever a payload contains.
 */
export const NO_FILE_OR_URL_ACCESS = { disableFileAccess: true, disableUrlAccess: true } as const;

/** The domain of the sender's address, for Message-IDs that are unique across systems. */
export function senderDomain(from: string): string {
  return /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'rookery.local';
}

/** One mapping of a Mailer message to nodemailer, shared by the SMTP and file mailers. */
export function toNodemailerMessage(message: MailMessage, from: string): SendMailOptions {
  return {
    ...NO_FILE_OR_URL_ACCESS,
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // Deterministic: a message sent again after a crash carries the same Message-ID, which
    // lets receivers and operators recognise the duplicate.
    messageId: `<${message.id}@${senderDomain(from)}>`,
    ...(message.unsubscribeUrl
      ? {
          list: { unsubscribe: message.unsubscribeUrl },
          // RFC 8058: the URL takes a POST with body "List-Unsubscribe=One-Click".
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        }
      : {}),
  };
}
