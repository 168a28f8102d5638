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
import type { EmailVerifications } from './email-verifications.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { IssuedSession, SessionIssuer } from './session-issuer.ts';

export interface RegisterAccountCommand {
  email: string;
  password: string;
  handle: string;
  displayName?: string | undefined;
}

export interface RegisterAccountDeps {
  uow: UnitOfWork;
  users: UserRepository;
  events: EventPublisher;
  hasher: PasswordHasher;
  sessions: SessionIssuer;
  verifications: EmailVerifications;
  commonPasswords: CommonPasswords;
  ids: IdGenerator;
  clock: Clock;
}

/**
 * Creates a local account (e-mail + password) and signs it in; announces `user.registered`
 * and mails a verification link: the address is unproven until its owner follows it.
 */
export class RegisterAccount {
  private readonly deps: RegisterAccountDeps;

  constructor(deps: RegisterAccountDeps) {
    this.deps = deps;
  }

  async execute(command: RegisterAccountCommand): Promise<IssuedSession> {
    const { uow, users, events, hasher, sessions, verifications, commonPasswords, ids, clock } = this.deps;
    // Cheap checks first: the slow hash is spent only on a request that can succeed.
    EmailAddress.parse(command.email);
    Handle.parse(command.handle);
    const passwordHash = await hasher.hash(acceptableNewPassword(command.password, commonPasswords));
    const at = clock.now();
    return uow.transaction(async () => {
      const { email, handle, displayName } = command;
      const user = User.register({ id: ids.next(), email, handle, displayName, passwordHash, at });
      await users.add(user);
      await events.publish(user.pullEvents());
      await verifications.start(user, at);
      return sessions.start(user, at);
    });
  }
}
