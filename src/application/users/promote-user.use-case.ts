import { EmailAddress } from '#domain/users/email-address.ts';
import type { User } from '#domain/users/user.entity.ts';
import { NoAccountWithEmail } from '#domain/users/user.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from './user.repository.ts';

export interface PromoteUserCommand {
  email: string;
}

/** Makes an account an administrator (an operator's command; there is no HTTP route to it). */
export class PromoteUser {
  private readonly uow: UnitOfWork;
  private readonly users: UserRepository;
  private readonly clock: Clock;

  constructor(uow: UnitOfWork, users: UserRepository, clock: Clock) {
    this.uow = uow;
    this.users = users;
    this.clock = clock;
  }

  async execute(command: PromoteUserCommand): Promise<User> {
    const email = EmailAddress.parse(command.email).value;
    return this.uow.transaction(async () => {
      const user = await this.users.byEmail(email);
      if (!user) throw new NoAccountWithEmail(email);
      user.promoteToAdmin(this.clock.now());
      return user;
    });
  }
}
