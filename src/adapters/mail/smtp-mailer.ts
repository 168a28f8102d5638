import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '#application/mail/mailer.ts';
import { NO_FILE_OR_URL_ACCESS, toNodemailerMessage } from './nodemailer-message.ts';
import { classifySmtpError } from './smtp-errors.ts';

export interface SmtpMailerOptions {
  /** Connections kept open to the relay (nodemailer's pool); messages queue for them. */
  maxConnections?: number;
  /** Applies to connecting, greeting and each command, so a stalled server fails the attempt. */
  timeoutMs?: number;
}

/**
 * Sends through an SMTP relay (`smtp://` or `smtps://` URL, credentials in it) with a
 * connection pool. `send` resolves when the server accepted the message (250 after
 * DATA), so the caller acknowledges only then.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(url: string, from: string, options: SmtpMailerOptions = {}) {
    const timeout = options.timeoutMs ?? 30_000;
    this.from = from;
    this.transport = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      maxMessages: 1_000,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      ...NO_FILE_OR_URL_ACCESS,
    } as Parameters<typeof nodemailer.createTransport>[0]);
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail(toNodemailerMessage(message, this.from));
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}
