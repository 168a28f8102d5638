import type { Avatar } from '#domain/avatars/avatar.entity.ts';
import { AvatarNotFound } from '#domain/avatars/avatar.errors.ts';
import type { AvatarRepository } from './avatar.repository.ts';

export interface GetAvatarMetadataQuery {
  avatarId: string;
}

/** What is known about a live avatar: file name, type, size, dimensions, renditions, status. */
export class GetAvatarMetadata {
  private readonly avatars: AvatarRepository;

  constructor(avatars: AvatarRepository) {
    this.avatars = avatars;
  }

  async execute({ avatarId }: GetAvatarMetadataQuery): Promise<Avatar> {
    const avatar = await this.avatars.byId(avatarId);
    if (!avatar || avatar.isDeleted()) throw new AvatarNotFound(avatarId);
    return avatar;
  }
}
