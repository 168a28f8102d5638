import { ExternalIdentity } from '#domain/identity/external-identity.entity.ts';
import { InvalidCredentials, InvalidSsoLinkTicket } from '#domain/identity/identity.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { ExternalIdentityRepository } from './external-identity.repository.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { IssuedSession, SessionIssuer } from './session-issuer.ts';
import type { SsoLinkTickets } from './sso-link-tickets.ts';

export interface LinkSsoWithPasswordDeps {
  uow: UnitOfWork;
  users: UserRepository;
  identities: ExternalIdentityRepository;
  tickets: SsoLinkTickets;
  hasher: PasswordHasher;
  sessions: SessionIssuer;
  clock: Clock;
}

/**
 * Finishes an SSO sign-in that met an existing account with the same e-mail: the
 * provider's identity is linked only once the account's own password is given, and the
 * caller is signed in. A wrong password is the login's 401 (and counts as a failed login).
 */
export class LinkSsoWithPassword {
  private readonly deps: LinkSsoWithPasswordDeps;

  constructor(deps: LinkSsoWithPasswordDeps) {
    this.deps = deps;
  }

  async execute(command: { ticket: string; password: string }): Promise<IssuedSession> {
    const { uow, users, identities, tickets, hasher, sessions, clock } = this.deps;
    const at = clock.now();
    const { claims, userId } = tickets.open(command.ticket, at);
    const user = await users.byId(userId);
    if (!user) throw new InvalidSsoLinkTicket();
    if (!(await hasher.verify(command.password, user.passwordHash))) throw new InvalidCredentials();
    return uow.transaction(async () => {
      const linked = await identities.find(claims.issuer, claims.subject);
      if (!linked) await identities.add(ExternalIdentity.link({ ...claims, userId: user.id, at }));
      else if (linked.userId !== user.id) throw new InvalidSsoLinkTicket();
      return sessions.start(user, at);
    });
  }
}
