import { InvalidCredentials } from '#domain/identity/identity.errors.ts';
import { EmailAddress } from '#domain/users/email-address.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { IssuedSession, SessionIssuer } from './session-issuer.ts';

export interface LogInCommand {
  email: string;
  password: string;
}

/**
 * Signs in with e-mail and password. An unknown or malformed e-mail, an SSO-only account
 * and a wrong password all take one password check and give one answer.
 */
export class LogIn {
  private readonly uow: UnitOfWork;
  private readonly users: UserRepository;
  private readonly hasher: PasswordHasher;
  private readonly sessions: SessionIssuer;
  private readonly clock: Clock;

  constructor(
    uow: UnitOfWork,
    users: UserRepository,
    hasher: PasswordHasher,
    sessions: SessionIssuer,
    clock: Clock,
  ) {
    this.uow = uow;
    this.users = users;
    this.hasher = hasher;
    this.sessions = sessions;
    this.clock = clock;
  }

  async execute(command: LogInCommand): Promise<IssuedSession> {
    const user = await this.findByEmail(command.email);
    const matches = await this.hasher.verify(command.password, user?.passwordHash ?? null);
    if (!user || !matches) throw new InvalidCredentials();
    return this.uow.transaction(() => this.sessions.start(user, this.clock.now()));
  }

  private findByEmail(raw: string) {
    try {
      return this.users.byEmail(EmailAddress.parse(raw).value);
    } catch {
      return Promise.resolve(null);
    }
  }
}
