import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '#application/mail/mailer.ts';
import { NO_FILE_OR_URL_ACCESS, toNodemailerMessage } from './nodemailer-message.ts';

/**
 * The embedded mode's mailer: each message becomes `<message id>.eml` (RFC 5322, CRLF) in
 * a folder, openable in any mail client. Named after the message id and written through a
 * temporary file and a rename, so a message sent again replaces its file instead of
 * adding one, and no reader ever sees half a message.
 */
export class FileMailer implements Mailer {
  private readonly directory: string;
  private readonly from: string;
  private readonly composer: Transporter;

  constructor(directory: string, from: string) {
    this.directory = directory;
    this.from = from;
    this.composer = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'windows',
      ...NO_FILE_OR_URL_ACCESS,
    } as Parameters<typeof nodemailer.createTransport>[0]);
  }

  async send(message: MailMessage): Promise<void> {
    const built = (await this.composer.sendMail(toNodemailerMessage(message, this.from))) as {
      message: Buffer;
    };
    await mkdir(this.directory, { recursive: true });
    const name = `${message.id.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
    const target = path.join(this.directory, name);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, built.message);
    await rename(temporary, target);
  }
}
