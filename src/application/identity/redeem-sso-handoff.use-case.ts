import { InvalidSsoHandoff } from '#domain/identity/identity.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { OpaqueTokens } from './opaque-tokens.ts';
import type { IssuedSession, SessionIssuer } from './session-issuer.ts';
import type { SsoHandoffRepository } from './sso-handoff.repository.ts';

export interface RedeemSsoHandoffCommand {
  code: string;
}

/** Exchanges the one-time code left by an SSO callback for a session, once. */
export class RedeemSsoHandoff {
  private readonly uow: UnitOfWork;
  private readonly handoffs: SsoHandoffRepository;
  private readonly users: UserRepository;
  private readonly opaque: OpaqueTokens;
  private readonly sessions: SessionIssuer;
  private readonly clock: Clock;

  constructor(
    uow: UnitOfWork,
    handoffs: SsoHandoffRepository,
    users: UserRepository,
    opaque: OpaqueTokens,
    sessions: SessionIssuer,
    clock: Clock,
  ) {
    this.uow = uow;
    this.handoffs = handoffs;
    this.users = users;
    this.opaque = opaque;
    this.sessions = sessions;
    this.clock = clock;
  }

  async execute(command: RedeemSsoHandoffCommand): Promise<IssuedSession> {
    const at = this.clock.now();
    return this.uow.transaction(async () => {
      const handoff = await this.handoffs.lockByDigest(this.opaque.digest(command.code));
      if (!handoff) throw new InvalidSsoHandoff();
      const user = await this.users.byId(handoff.redeem(at));
      if (!user) throw new InvalidSsoHandoff();
      return this.sessions.start(user, at);
    });
  }
}
