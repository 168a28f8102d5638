import { ExternalIdentity } from '#domain/identity/external-identity.entity.ts';
import {
  SsoAccountExists,
  SsoLinkNeedsPassword,
  UnverifiedAccountWithEmail,
  UnverifiedEmailInUse,
} from '#domain/identity/identity.errors.ts';
import { SsoHandoff } from '#domain/identity/sso-handoff.entity.ts';
import type { User } from '#domain/users/user.entity.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { ExternalIdentityRepository } from './external-identity.repository.ts';
import type { NewSsoUser } from './new-sso-user.ts';
import type { OpaqueTokens } from './opaque-tokens.ts';
import type { SsoHandoffRepository } from './sso-handoff.repository.ts';
import type { SsoLinkTickets } from './sso-link-tickets.ts';
import type { VerifiedSsoClaims } from './verified-sso-claims.ts';

export interface SsoSignInResult {
  /** One-time code the web app exchanges for tokens (RedeemSsoHandoff). */
  code: string;
  userId: string;
  created: boolean;
}

export interface SignInWithSsoDeps {
  uow: UnitOfWork;
  users: UserRepository;
  identities: ExternalIdentityRepository;
  handoffs: SsoHandoffRepository;
  newUsers: NewSsoUser;
  tickets: SsoLinkTickets;
  opaque: OpaqueTokens;
  clock: Clock;
  handoffTtlMs: number;
}

/**
 * Completes an SSO sign-in from claims whose signature, issuer, audience, expiry and nonce
 * were already verified: the account linked to (issuer, subject), or a new account. An
 * existing account with the same e-mail is never linked silently — whoever created it may
 * not be the person the provider vouches for, or may be, and then must say so with the
 * account's password (`LinkSsoWithPassword`). See docs/auth.md#linking-accounts.
 */
export class SignInWithSso {
  private readonly deps: SignInWithSsoDeps;

  constructor(deps: SignInWithSsoDeps) {
    this.deps = deps;
  }

  async execute(claims: VerifiedSsoClaims): Promise<SsoSignInResult> {
    const { uow, handoffs, opaque, clock, handoffTtlMs } = this.deps;
    const at = clock.now();
    return uow.transaction(async () => {
      const { user, created } = await this.accountFor(claims, at);
      const code = opaque.generate();
      const codeHash = opaque.digest(code);
      await handoffs.add(SsoHandoff.create({ codeHash, userId: user.id, at, ttlMs: handoffTtlMs }));
      return { code, userId: user.id, created };
    });
  }

  private async accountFor(claims: VerifiedSsoClaims, at: Date): Promise<{ user: User; created: boolean }> {
    const { users, identities, newUsers, tickets } = this.deps;
    const linked = await identities.find(claims.issuer, claims.subject);
    const known = linked ? await users.byId(linked.userId) : null;
    if (known) return { user: known, created: false };
    const sameEmail = claims.email ? await users.byEmail(claims.email) : null;
    if (sameEmail) {
      if (!claims.emailVerified) throw new UnverifiedEmailInUse();
      if (!sameEmail.isEmailVerified()) throw new UnverifiedAccountWithEmail();
      if (sameEmail.passwordHash === null) throw new SsoAccountExists();
      throw new SsoLinkNeedsPassword(tickets.issue({ claims, userId: sameEmail.id }, at));
    }
    const user = await newUsers.create(claims, at);
    await identities.add(ExternalIdentity.link({ ...claims, userId: user.id, at }));
    return { user, created: true };
  }
}
