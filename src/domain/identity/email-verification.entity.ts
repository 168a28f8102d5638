import { AggregateRoot } from '../shared/aggregate-root.ts';
import { domainEvent } from '../shared/domain-event.ts';
import { EmailVerificationExpired, EmailVerificationUsed } from './identity.errors.ts';

/** Announced when a link has to be mailed; carries ids only (never the address or a token). */
export interface EmailVerificationRequestedPayload {
  verification_id: string;
  user_id: string;
}

/**
 * One verification link sent to one address of one account: proves control of that address
 * once, before it expires. The link itself is signed (see `VerificationLinks`) and names
 * only this record's id; the record makes it expiring and single-use.
 */
export class EmailVerification extends AggregateRoot {
  readonly id!: string;
  readonly userId!: string;
  readonly email!: string;
  readonly createdAt!: Date;
  readonly expiresAt!: Date;
  readonly usedAt!: Date | null;

  private constructor() {
    super();
  }

  static issue(input: {
    id: string;
    userId: string;
    email: string;
    at: Date;
    ttlMs: number;
  }): EmailVerification {
    const verification = new EmailVerification();
    Object.assign(verification, {
      id: input.id,
      userId: input.userId,
      email: input.email,
      createdAt: input.at,
      expiresAt: new Date(input.at.getTime() + input.ttlMs),
      usedAt: null,
    });
    verification.record(
      domainEvent<'user.email_verification_requested', EmailVerificationRequestedPayload>(
        'user.email_verification_requested',
        { verification_id: input.id, user_id: input.userId },
        input.at,
      ),
    );
    return verification;
  }

  /** Whether a mail for it is still worth sending. */
  isOpen(at: Date): boolean {
    return !this.usedAt && at.getTime() < this.expiresAt.getTime();
  }

  /** Spends the link; returns the address it proves. */
  use(at: Date): string {
    if (this.usedAt) throw new EmailVerificationUsed();
    if (at.getTime() >= this.expiresAt.getTime()) throw new EmailVerificationExpired();
    Object.assign(this, { usedAt: at });
    return this.email;
  }
}
