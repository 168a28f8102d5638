import { InvalidVerificationLink } from '#domain/identity/identity.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { EmailVerificationRepository } from './email-verification.repository.ts';
import type { VerificationLinks } from './verification-links.ts';

export interface VerifyEmailAddressDeps {
  uow: UnitOfWork;
  users: UserRepository;
  verifications: EmailVerificationRepository;
  links: VerificationLinks;
  clock: Clock;
}

/**
 * Completes a verification link: the signature names the verification, which must be
 * unused and unexpired, and must prove the address the account has now.
 */
export class VerifyEmailAddress {
  private readonly deps: VerifyEmailAddressDeps;

  constructor(deps: VerifyEmailAddressDeps) {
    this.deps = deps;
  }

  async execute(command: { token: string }): Promise<{ userId: string }> {
    const { uow, users, verifications, links, clock } = this.deps;
    const id = links.verificationIdFrom(command.token);
    return uow.transaction(async () => {
      const verification = await verifications.lockById(id);
      if (!verification) throw new InvalidVerificationLink();
      const at = clock.now();
      const email = verification.use(at);
      const user = await users.lockById(verification.userId);
      if (!user?.confirmEmail(email, at)) throw new InvalidVerificationLink();
      return { userId: user.id };
    });
  }
}
