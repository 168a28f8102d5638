import type { User } from '#domain/users/user.entity.ts';

/** Users as the API shows them (snake_case); `publicUrl` makes avatar links absolute. */
export class UserPresenter {
  private readonly publicUrl: string;

  constructor(publicUrl: string) {
    this.publicUrl = publicUrl.replace(/\/$/, '');
  }

  publicProfile(user: User) {
    return {
      id: user.id,
      handle: user.handle,
      display_name: user.displayName,
      // Per avatar, not per user: the image behind the address never changes, so browsers and
      // CDNs may cache it for its full max-age; a new avatar is a new address.
      avatar_url: user.avatarId ? `${this.publicUrl}/api/v1/avatars/${user.avatarId}` : null,
      followers_count: user.followersCount,
      following_count: user.followingCount,
      posts_count: user.postsCount,
    };
  }

  ownProfile(user: User) {
    return {
      ...this.publicProfile(user),
      email: user.email,
      role: user.role,
      digest: user.digestEnabled,
      has_password: user.passwordHash !== null,
      email_verified: user.isEmailVerified(),
      created_at: user.createdAt.toISOString(),
    };
  }
}
