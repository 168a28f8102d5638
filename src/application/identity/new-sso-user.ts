import { Handle } from '#domain/users/handle.ts';
import { User } from '#domain/users/user.entity.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { IdGenerator } from '../shared/id-generator.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { OpaqueTokens } from './opaque-tokens.ts';
import type { VerifiedSsoClaims } from './verified-sso-claims.ts';

const HANDLE_ATTEMPTS = 5;

/**
 * Creates the account of someone signing in through SSO for the first time: a free handle
 * derived from their username, e-mail or name, their name as display name, no password.
 * Runs inside the caller's unit of work and announces `user.registered` like a sign-up.
 */
export class NewSsoUser {
  private readonly users: UserRepository;
  private readonly events: EventPublisher;
  private readonly ids: IdGenerator;
  private readonly opaque: OpaqueTokens;

  constructor(users: UserRepository, events: EventPublisher, ids: IdGenerator, opaque: OpaqueTokens) {
    this.users = users;
    this.events = events;
    this.ids = ids;
    this.opaque = opaque;
  }

  async create(claims: VerifiedSsoClaims, at: Date): Promise<User> {
    const user = User.register({
      id: this.ids.next(),
      // users.email is required and unique; a provider that shares no e-mail gets a
      // reserved-TLD placeholder (RFC 2606) that can never receive mail or collide.
      email:
        claims.email ??
        `sso-${this.opaque.digest(`${claims.issuer} ${claims.subject}`).slice(0, 20)}@users.invalid`,
      handle: await this.freeHandle(claims),
      displayName: displayNameOf(claims),
      passwordHash: null,
      // The provider vouched for the address (placeholders are never "verified": they receive no mail).
      emailVerified: claims.email !== null && claims.emailVerified,
      at,
    });
    await this.users.add(user);
    await this.events.publish(user.pullEvents());
    return user;
  }

  private async freeHandle(claims: VerifiedSsoClaims): Promise<string> {
    const base = Handle.suggest(
      claims.preferredUsername ?? claims.email?.split('@')[0] ?? claims.name ?? 'user',
    );
    if (!(await this.users.byHandle(base))) return base;
    for (let attempt = 0; attempt < HANDLE_ATTEMPTS; attempt++) {
      // The tail of a UUIDv7 is random: four hex digits make a collision unlikely.
      const candidate = Handle.withSuffix(base, this.ids.next().slice(-4));
      if (!(await this.users.byHandle(candidate))) return candidate;
    }
    return Handle.withSuffix(base, this.ids.next().slice(-8));
  }
}

function displayNameOf(claims: VerifiedSsoClaims): string | undefined {
  const name = claims.name ? [...claims.name.trim()].slice(0, 50).join('') : undefined;
  return name && !/\p{Cc}/u.test(name) ? name : undefined;
}
