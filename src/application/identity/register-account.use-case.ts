import { acceptableNewPassword } from '#domain/identity/password-policy.ts';
import { EmailAddress } from '#domain/users/email-address.ts';
import { Handle } from '#domain/users/handle.ts';
import { User } from '#domain/users/user.entity.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { IdGenerator } from '../shared/id-generator.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { CommonPasswords } from './common-passwords.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { IssuedSession, SessionIssuer } from './session-issuer.ts';

export interface RegisterAccountCommand {
  email: string;
  password: string;
  handle: string;
  displayName?: string | undefined;
}

/** Creates a local account (e-mail + password) and signs it in; announces `user.registered`. */
export class RegisterAccount {
  private readonly uow: UnitOfWork;
  private readonly users: UserRepository;
  private readonly events: EventPublisher;
  private readonly hasher: PasswordHasher;
  private readonly sessions: SessionIssuer;
  private readonly ids: IdGenerator;
  private readonly clock: Clock;
  private readonly commonPasswords: CommonPasswords;

  constructor(
    uow: UnitOfWork,
    users: UserRepository,
    events: EventPublisher,
    hasher: PasswordHasher,
    sessions: SessionIssuer,
    ids: IdGenerator,
    clock: Clock,
    commonPasswords: CommonPasswords,
  ) {
    this.uow = uow;
    this.users = users;
    this.events = events;
    this.hasher = hasher;
    this.sessions = sessions;
    this.ids = ids;
    this.clock = clock;
    this.commonPasswords = commonPasswords;
  }

  async execute(command: RegisterAccountCommand): Promise<IssuedSession> {
    // Cheap checks first: the slow hash is spent only on a request that can succeed.
    EmailAddress.parse(command.email);
    Handle.parse(command.handle);
    const passwordHash = await this.hasher.hash(
      acceptableNewPassword(command.password, this.commonPasswords),
    );
    const at = this.clock.now();
    return this.uow.transaction(async () => {
      const { email, handle, displayName } = command;
      const user = User.register({ id: this.ids.next(), email, handle, displayName, passwordHash, at });
      await this.users.add(user);
      await this.events.publish(user.pullEvents());
      return this.sessions.start(user, at);
    });
  }
}
