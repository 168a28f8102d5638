import type { EmailVerificationRequestedPayload } from '#domain/identity/email-verification.entity.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SentMails } from '../mail/sent-mails.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { Clock } from '../shared/clock.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { EmailVerificationRepository } from './email-verification.repository.ts';
import type { VerificationLinks } from './verification-links.ts';
import type { VerificationMailRenderer } from './verification-mail-renderer.ts';

export interface SendVerificationEmailDeps {
  verifications: EmailVerificationRepository;
  users: UserRepository;
  links: VerificationLinks;
  renderer: VerificationMailRenderer;
  mailer: Mailer;
  sent: SentMails;
  clock: Clock;
}

/**
 * Mails a requested verification link, once: the same `SentMails` record as the digest
 * guards the gap between the mail server's acceptance and the handler's commit (see
 * `SentMails`). Nothing is sent for a link already used or expired, or for an address the
 * account no longer has; mail failures propagate (retried, or dead-lettered when rejected).
 */
export class SendVerificationEmail implements EventHandler {
  readonly consumer = 'verification-mailer';
  readonly eventTypes = ['user.email_verification_requested'] as const;
  private readonly deps: SendVerificationEmailDeps;

  constructor(deps: SendVerificationEmailDeps) {
    this.deps = deps;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const { verifications, users, links, renderer, mailer, sent, clock } = this.deps;
    const { verification_id } = event.payload as EmailVerificationRequestedPayload;
    if (await sent.wasSent(event.eventId)) return;
    const verification = await verifications.byId(verification_id);
    if (!verification?.isOpen(clock.now())) return;
    const user = await users.byId(verification.userId);
    if (!user || user.email !== verification.email || user.isEmailVerified()) return;
    const link = links.linkFor(verification.id);
    const content = renderer.render({ handle: user.handle, link, expiresAt: verification.expiresAt });
    await mailer.send({ id: event.eventId, to: verification.email, ...content });
    await sent.recordSent(event.eventId, clock.now());
  }
}
