import { EmailAlreadyVerified } from '#domain/identity/identity.errors.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { EmailVerifications } from './email-verifications.ts';

export interface RequestEmailVerificationDeps {
  uow: UnitOfWork;
  users: UserRepository;
  verifications: EmailVerifications;
  clock: Clock;
}

/** Sends a new verification link to the caller's address (the re-send button). */
export class RequestEmailVerification {
  private readonly deps: RequestEmailVerificationDeps;

  constructor(deps: RequestEmailVerificationDeps) {
    this.deps = deps;
  }

  async execute(command: { userId: string }): Promise<{ expiresAt: Date }> {
    const { uow, users, verifications, clock } = this.deps;
    return uow.transaction(async () => {
      const user = await users.lockById(command.userId);
      if (!user) throw new UserNotFound(command.userId);
      if (user.isEmailVerified()) throw new EmailAlreadyVerified();
      const verification = await verifications.start(user, clock.now());
      return { expiresAt: verification.expiresAt };
    });
  }
}
