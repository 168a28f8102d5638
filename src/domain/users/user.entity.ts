import { AggregateRoot } from '../shared/aggregate-root.ts';
import { domainEvent } from '../shared/domain-event.ts';
import { DomainError } from '../shared/domain-error.ts';
import { EmailAddress } from './email-address.ts';
import { Handle } from './handle.ts';

const DISPLAY_NAME_MAX = 50;

export class InvalidDisplayName extends DomainError {
  constructor() {
    super('user.display_name_invalid', 'invalid', `A display name is 1–${DISPLAY_NAME_MAX} characters.`, {
      max_length: DISPLAY_NAME_MAX,
    });
  }
}

export interface RegisterUser {
  id: string;
  email: string;
  handle: string;
  displayName?: string | undefined;
  /** Null for accounts that only ever sign in through SSO. */
  passwordHash: string | null;
  /** Whether the address is already proven (an OpenID provider vouched for it); local sign-ups are not. */
  emailVerified?: boolean;
  at: Date;
}

export type UserRole = 'user' | 'admin';

export interface UserRegisteredPayload {
  user_id: string;
  handle: string;
}

/** What others see of a user changed (their name or shown avatar): caches of it are stale. */
export interface UserProfileChangedPayload {
  user_id: string;
  changed: ('display_name' | 'avatar')[];
}

/** An avatar as the choice of the shown one needs it: which, and when it was uploaded. */
export interface AvatarUpload {
  id: string;
  createdAt: Date;
}

/** Someone with an account. Identity (`id`) never changes; e-mail and handle are unique. */
export class User extends AggregateRoot {
  readonly id!: string;
  readonly email!: string;
  readonly handle!: string;
  readonly displayName!: string;
  readonly passwordHash!: string | null;
  /**
   * When the owner proved control of `email` (a verification link, or a provider vouching
   * for it); null until then. Unverified accounts are limited: see docs/auth.md.
   */
  readonly emailVerifiedAt!: Date | null;
  readonly role!: UserRole;
  /** Whether the daily digest e-mail is sent (on by default; one-click unsubscribe turns it off). */
  readonly digestEnabled!: boolean;
  /** The avatar shown for this user: the newest ready one unless the user pinned a choice. */
  readonly avatarId!: string | null;
  readonly avatarPinned!: boolean;
  /**
   * Counters kept by the social commands in the same transaction as the change they count
   * (a denormalised read of the follow and post tables; never written through this object).
   */
  readonly followersCount!: number;
  readonly followingCount!: number;
  readonly postsCount!: number;
  readonly createdAt!: Date;
  readonly updatedAt!: Date;

  private constructor() {
    super();
  }

  static register(input: RegisterUser): User {
    const user = new User();
    const handle = Handle.parse(input.handle).value;
    Object.assign(user, {
      id: input.id,
      email: EmailAddress.parse(input.email).value,
      handle,
      displayName: normaliseDisplayName(input.displayName ?? handle),
      passwordHash: input.passwordHash,
      emailVerifiedAt: input.emailVerified ? input.at : null,
      role: 'user',
      digestEnabled: true,
      avatarId: null,
      avatarPinned: false,
      followersCount: 0,
      followingCount: 0,
      postsCount: 0,
      createdAt: input.at,
      updatedAt: input.at,
    });
    user.record(
      domainEvent<'user.registered', UserRegisteredPayload>(
        'user.registered',
        { user_id: user.id, handle },
        input.at,
      ),
    );
    return user;
  }

  rename(displayName: string, at: Date): void {
    const normalised = normaliseDisplayName(displayName);
    if (normalised === this.displayName) return;
    Object.assign(this, { displayName: normalised, updatedAt: at });
    this.profileChanged('display_name', at);
  }

  subscribeToDigest(enabled: boolean, at: Date): void {
    Object.assign(this, { digestEnabled: enabled, updatedAt: at });
  }

  /** The user picked this avatar: it stays shown until they pick another or delete it. */
  pinAvatar(avatarId: string, at: Date): void {
    const shown = this.avatarId;
    Object.assign(this, { avatarId, avatarPinned: true, updatedAt: at });
    if (shown !== avatarId) this.profileChanged('avatar', at);
  }

  /**
   * An avatar finished processing. Unless the user pinned one, the shown avatar is the newest
   * ready one by upload time — the same rule as the fall-back after a delete — so an older
   * upload that finishes after a newer one does not replace it. `newestOtherReady` is the
   * user's newest ready avatar other than `ready`, if any.
   */
  avatarBecameReady(ready: AvatarUpload, newestOtherReady: AvatarUpload | null, at: Date): void {
    if (this.avatarPinned) return;
    const newest = newestOtherReady && uploadedAfter(newestOtherReady, ready) ? newestOtherReady : ready;
    if (this.avatarId === newest.id) return;
    Object.assign(this, { avatarId: newest.id, updatedAt: at });
    this.profileChanged('avatar', at);
  }

  /** An avatar was deleted: if it was the shown one, fall back to `next` (the newest ready one, or none). */
  avatarRemoved(avatarId: string, next: string | null, at: Date): void {
    if (this.avatarId !== avatarId) return;
    Object.assign(this, { avatarId: next, avatarPinned: false, updatedAt: at });
    this.profileChanged('avatar', at);
  }

  isEmailVerified(): boolean {
    return this.emailVerifiedAt !== null;
  }

  /**
   * The owner proved control of `email`. A proof for another address (the account's
   * address changed since the link was sent) proves nothing about this one.
   */
  confirmEmail(email: string, at: Date): boolean {
    if (email !== this.email) return false;
    if (!this.emailVerifiedAt) Object.assign(this, { emailVerifiedAt: at, updatedAt: at });
    return true;
  }

  /** The caller proved the current password (or the account has none yet); the hash is of the new one. */
  changePassword(passwordHash: string, at: Date): void {
    Object.assign(this, { passwordHash, updatedAt: at });
  }

  promoteToAdmin(at: Date): void {
    Object.assign(this, { role: 'admin', updatedAt: at });
  }

  private profileChanged(field: 'display_name' | 'avatar', at: Date): void {
    this.record(
      domainEvent<'user.profile_changed', UserProfileChangedPayload>(
        'user.profile_changed',
        { user_id: this.id, changed: [field] },
        at,
      ),
    );
  }
}

/** Newest first by upload time, then by id (UUIDv7: also time-ordered), as the repositories order them. */
function uploadedAfter(a: AvatarUpload, b: AvatarUpload): boolean {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  return byTime !== 0 ? byTime > 0 : a.id > b.id;
}

function normaliseDisplayName(raw: string): string {
  const value = raw.trim().normalize('NFC');
  if (value.length === 0 || [...value].length > DISPLAY_NAME_MAX || /\p{Cc}/u.test(value)) {
    throw new InvalidDisplayName();
  }
  return value;
}
