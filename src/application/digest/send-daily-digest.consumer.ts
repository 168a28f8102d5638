import type { DailyDigestPayload } from '#domain/digest/daily-digest.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { Clock } from '../shared/clock.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { DigestRenderer } from './digest-renderer.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SentMails } from '../mail/sent-mails.ts';
import type { UnsubscribeLinks } from './unsubscribe-links.ts';

export interface SendDailyDigestDeps {
  users: UserRepository;
  sent: SentMails;
  renderer: DigestRenderer;
  links: UnsubscribeLinks;
  mailer: Mailer;
  clock: Clock;
  appUrl: string;
}

/**
 * Mails one requested digest. Idempotency, in order: HandleEventOnce records the event in
 * processed_events in the same transaction as this handler, so a redelivery after the
 * commit is a no-op; `SentMails` covers the gap SMTP leaves, because the send cannot join
 * that transaction: the "sent" record is committed on its own as soon as the server
 * accepted the mail and is checked before sending, so a worker killed after sending but
 * before committing and acknowledging does not send again (see `SentMails`). Failures
 * propagate: `MailTemporarilyRefused` is retried with backoff, `MailRejected` is
 * dead-lettered. Whether the user still wants the digest is read at send time, so
 * opting out after the run still means no mail.
 */
export class SendDailyDigest implements EventHandler {
  readonly consumer = 'digest-mailer';
  readonly eventTypes = ['email.daily_digest.requested'] as const;

  private readonly deps: SendDailyDigestDeps;

  constructor(deps: SendDailyDigestDeps) {
    this.deps = deps;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const digest = event.payload as DailyDigestPayload;
    if (await this.deps.sent.wasSent(event.eventId)) return;
    const user = await this.deps.users.byId(digest.user_id);
    if (!user?.digestEnabled || !user.isEmailVerified()) return;
    const unsubscribe = this.deps.links.linkFor(user.id);
    const content = this.deps.renderer.render(digest, { unsubscribe, app: this.deps.appUrl });
    await this.deps.mailer.send({
      id: event.eventId,
      to: user.email,
      ...content,
      unsubscribeUrl: unsubscribe,
    });
    await this.deps.sent.recordSent(event.eventId, this.deps.clock.now());
  }
}
