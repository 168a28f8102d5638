import { AvatarNotFound } from '#domain/avatars/avatar.errors.ts';
import type { ImageFormat } from '#domain/avatars/image-format.ts';
import type { RenditionName } from '#domain/avatars/rendition.ts';
import type { AvatarImageSource, ServedImage } from './avatar-image-source.ts';
import type { AvatarRepository } from './avatar.repository.ts';

export interface ServeAvatarQuery {
  avatarId: string;
  size: RenditionName;
  /** The avatar's own format when absent. */
  format?: ImageFormat;
}

/** One avatar's image by id (public: images load in `<img>` tags). Deleted ones are gone. */
export class ServeAvatar {
  private readonly avatars: AvatarRepository;
  private readonly source: AvatarImageSource;

  constructor(avatars: AvatarRepository, source: AvatarImageSource) {
    this.avatars = avatars;
    this.source = source;
  }

  async execute({ avatarId, size, format }: ServeAvatarQuery): Promise<ServedImage> {
    const avatar = await this.avatars.byId(avatarId);
    if (!avatar || avatar.isDeleted()) throw new AvatarNotFound(avatarId);
    return this.source.image(avatar, size, format);
  }
}
