import { MailRejected, MailTemporarilyRefused } from '#application/mail/mailer.ts';

/** Failures with no SMTP reply that a later attempt may not meet: the network, the server, credentials. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EAUTH', // a credentials problem is fixed by an operator; retry (then dead-letter) rather than drop
  'EPROTOCOL',
  'ETLS',
]);

/**
 * The one place an SMTP failure becomes a delivery decision: a 4xx reply or a
 * connection-level failure is temporary (retried with backoff), a 5xx reply or a message
 * that cannot be built is permanent (dead-lettered).
 */
export function classifySmtpError(error: unknown): MailTemporarilyRefused | MailRejected {
  const { responseCode, code, message } = (error ?? {}) as {
    responseCode?: number;
    code?: string;
    message?: string;
  };
  const reason = `${code ?? 'error'}${responseCode ? ` ${responseCode}` : ''}: ${message ?? String(error)}`;
  if (typeof responseCode === 'number') {
    if (responseCode >= 400 && responseCode < 500) return new MailTemporarilyRefused(reason);
    if (responseCode === 535 || responseCode === 530) return new MailTemporarilyRefused(reason);
    return new MailRejected(reason);
  }
  if (code && TRANSIENT_CODES.has(code)) return new MailTemporarilyRefused(reason);
  if (code === 'EENVELOPE' || code === 'EMESSAGE') return new MailRejected(reason);
  return new MailTemporarilyRefused(reason);
}
