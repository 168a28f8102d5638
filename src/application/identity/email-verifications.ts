import { EmailVerification } from '#domain/identity/email-verification.entity.ts';
import type { User } from '#domain/users/user.entity.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { IdGenerator } from '../shared/id-generator.ts';
import { token } from '../shared/token.ts';
import type { EmailVerificationRepository } from './email-verification.repository.ts';

export interface EmailVerificationsDeps {
  verifications: EmailVerificationRepository;
  events: EventPublisher;
  ids: IdGenerator;
  ttlMs: number;
}

/**
 * Starts the proof of a user's address: records a verification and announces it, inside the
 * caller's unit of work, so the mail goes out (through the outbox) only if the caller commits.
 */
export class EmailVerifications {
  private readonly deps: EmailVerificationsDeps;

  constructor(deps: EmailVerificationsDeps) {
    this.deps = deps;
  }

  async start(user: User, at: Date): Promise<EmailVerification> {
    const { verifications, events, ids, ttlMs } = this.deps;
    const verification = EmailVerification.issue({
      id: ids.next(),
      userId: user.id,
      email: user.email,
      at,
      ttlMs,
    });
    await verifications.add(verification);
    await events.publish(verification.pullEvents());
    return verification;
  }
}
export const EmailVerificationsToken = token<EmailVerifications>('EmailVerifications');
