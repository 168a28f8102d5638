import type { Registry } from 'prom-client';
import { MailTemporarilyRefused, type Mailer, type MailMessage } from '#application/mail/mailer.ts';
import { counter, histogram } from '../telemetry/metrics.ts';

/** Counts and times every send of the mailer it wraps (SMTP or file). */
export class MeteredMailer implements Mailer {
  private readonly inner: Mailer;
  private readonly sent;
  private readonly failed;
  private readonly retried;
  private readonly duration;

  constructor(inner: Mailer, metrics: Registry) {
    this.inner = inner;
    this.sent = counter(metrics, {
      name: 'mails_sent_total',
      help: 'Messages the mail server (or folder) accepted.',
    });
    this.failed = counter(metrics, {
      name: 'mails_failed_total',
      help: 'Sends that failed, by kind: temporary (retried with backoff) or permanent (dead-lettered).',
      labelNames: ['kind'] as const,
    });
    this.retried = counter(metrics, {
      name: 'mails_retried_total',
      help: 'Sends refused temporarily (SMTP 4xx, connection or timeout); the event is retried with backoff.',
    });
    this.duration = histogram(metrics, {
      name: 'mail_send_duration_seconds',
      help: 'Time for the mail server to accept (or refuse) one message.',
      labelNames: ['outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
  }

  async send(message: MailMessage): Promise<void> {
    const end = this.duration.startTimer();
    try {
      await this.inner.send(message);
      end({ outcome: 'sent' });
      this.sent.inc();
    } catch (error) {
      const temporary = error instanceof MailTemporarilyRefused;
      end({ outcome: 'failed' });
      this.failed.inc({ kind: temporary ? 'temporary' : 'permanent' });
      if (temporary) this.retried.inc();
      throw error;
    }
  }
}
