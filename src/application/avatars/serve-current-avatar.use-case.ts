import { NoCurrentAvatar } from '#domain/avatars/avatar.errors.ts';
import type { ImageFormat } from '#domain/avatars/image-format.ts';
import type { RenditionName } from '#domain/avatars/rendition.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { AvatarImageSource, ServedImage } from './avatar-image-source.ts';
import type { AvatarRepository } from './avatar.repository.ts';

export interface ServeCurrentAvatarQuery {
  userId: string;
  size: RenditionName;
  format?: ImageFormat;
}

/** The avatar a user shows (newest ready, or the one they pinned), by user id. */
export class ServeCurrentAvatar {
  private readonly users: UserRepository;
  private readonly avatars: AvatarRepository;
  private readonly source: AvatarImageSource;

  constructor(users: UserRepository, avatars: AvatarRepository, source: AvatarImageSource) {
    this.users = users;
    this.avatars = avatars;
    this.source = source;
  }

  async execute({ userId, size, format }: ServeCurrentAvatarQuery): Promise<ServedImage> {
    const user = await this.users.byId(userId);
    if (!user) throw new UserNotFound(userId);
    const avatar = user.avatarId ? await this.avatars.byId(user.avatarId) : null;
    if (!avatar || avatar.isDeleted()) throw new NoCurrentAvatar(userId);
    return this.source.image(avatar, size, format);
  }
}
