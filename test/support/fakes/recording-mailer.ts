import type { Mailer, MailMessage } from '#application/mail/mailer.ts';

/** Keeps every accepted message; `refuse` makes the next sends fail as a mail server would. */
export class RecordingMailer implements Mailer {
  readonly messages: MailMessage[] = [];
  private readonly failures: Error[] = [];

  refuse(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async send(message: MailMessage): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.messages.push(structuredClone(message));
  }
}
