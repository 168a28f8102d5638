import type { Avatar } from '#domain/avatars/avatar.entity.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { AvatarPosition, AvatarRepository } from './avatar.repository.ts';

export interface ListUserAvatarsQuery {
  userId: string;
  after?: AvatarPosition;
  limit: number;
}

export interface AvatarPage {
  items: Avatar[];
  /** Where the next page starts, or null on the last page. */
  next: AvatarPosition | null;
}

/** A user's avatars that are not deleted (any status), newest first. */
export class ListUserAvatars {
  private readonly users: UserRepository;
  private readonly avatars: AvatarRepository;

  constructor(users: UserRepository, avatars: AvatarRepository) {
    this.users = users;
    this.avatars = avatars;
  }

  async execute({ userId, after, limit }: ListUserAvatarsQuery): Promise<AvatarPage> {
    if (!(await this.users.byId(userId))) throw new UserNotFound(userId);
    // One more than asked tells whether another page exists without a count query.
    const found = await this.avatars.listByUser(userId, { ...(after ? { after } : {}), limit: limit + 1 });
    const items = found.slice(0, limit);
    const last = items.at(-1);
    return { items, next: found.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null };
  }
}
