import { ExternalIdentity } from '#domain/identity/external-identity.entity.ts';
import { UnverifiedEmailInUse } from '#domain/identity/identity.errors.ts';
import { SsoHandoff } from '#domain/identity/sso-handoff.entity.ts';
import type { User } from '#domain/users/user.entity.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { ExternalIdentityRepository } from './external-identity.repository.ts';
import type { NewSsoUser } from './new-sso-user.ts';
import type { OpaqueTokens } from './opaque-tokens.ts';
import type { SsoHandoffRepository } from './sso-handoff.repository.ts';
import type { VerifiedSsoClaims } from './verified-sso-claims.ts';

export interface SsoSignInResult {
  /** One-time code the web app exchanges for tokens (RedeemSsoHandoff). */
  code: string;
  userId: string;
  created: boolean;
}

/**
 * Completes an SSO sign-in from claims whose signature, issuer, audience, expiry and nonce
 * were already verified: the account linked to (issuer, subject); else the account with the
 * same e-mail, linked only when the provider verified that e-mail; else a new account.
 */
export class SignInWithSso {
  private readonly uow: UnitOfWork;
  private readonly users: UserRepository;
  private readonly identities: ExternalIdentityRepository;
  private readonly handoffs: SsoHandoffRepository;
  private readonly newUsers: NewSsoUser;
  private readonly opaque: OpaqueTokens;
  private readonly clock: Clock;
  private readonly handoffTtlMs: number;

  constructor(
    uow: UnitOfWork,
    users: UserRepository,
    identities: ExternalIdentityRepository,
    handoffs: SsoHandoffRepository,
    newUsers: NewSsoUser,
    opaque: OpaqueTokens,
    clock: Clock,
    handoffTtlMs: number,
  ) {
    this.uow = uow;
    this.users = users;
    this.identities = identities;
    this.handoffs = handoffs;
    this.newUsers = newUsers;
    this.opaque = opaque;
    this.clock = clock;
    this.handoffTtlMs = handoffTtlMs;
  }

  async execute(claims: VerifiedSsoClaims): Promise<SsoSignInResult> {
    const at = this.clock.now();
    return this.uow.transaction(async () => {
      const { user, created } = await this.accountFor(claims, at);
      const code = this.opaque.generate();
      const codeHash = this.opaque.digest(code);
      await this.handoffs.add(SsoHandoff.create({ codeHash, userId: user.id, at, ttlMs: this.handoffTtlMs }));
      return { code, userId: user.id, created };
    });
  }

  private async accountFor(claims: VerifiedSsoClaims, at: Date): Promise<{ user: User; created: boolean }> {
    const linked = await this.identities.find(claims.issuer, claims.subject);
    const known = linked ? await this.users.byId(linked.userId) : null;
    if (known) return { user: known, created: false };
    const sameEmail = claims.email ? await this.users.byEmail(claims.email) : null;
    if (sameEmail && !claims.emailVerified) throw new UnverifiedEmailInUse();
    const user = sameEmail ?? (await this.newUsers.create(claims, at));
    await this.identities.add(ExternalIdentity.link({ ...claims, userId: user.id, at }));
    return { user, created: !sameEmail };
  }
}
