import { AvatarNotYours, NoCurrentAvatar } from '#domain/avatars/avatar.errors.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { DeleteAvatar } from './delete-avatar.use-case.ts';

export interface DeleteCurrentAvatarCommand {
  actorId: string;
  userId: string;
}

/** Deletes the avatar a user currently shows (`DELETE /users/{id}/avatar`); only they may. */
export class DeleteCurrentAvatar {
  private readonly users: UserRepository;
  private readonly deleteAvatar: DeleteAvatar;

  constructor(users: UserRepository, deleteAvatar: DeleteAvatar) {
    this.users = users;
    this.deleteAvatar = deleteAvatar;
  }

  async execute({ actorId, userId }: DeleteCurrentAvatarCommand): Promise<void> {
    const user = await this.users.byId(userId);
    if (!user) throw new UserNotFound(userId);
    if (actorId !== userId) throw new AvatarNotYours();
    if (!user.avatarId) throw new NoCurrentAvatar(userId);
    await this.deleteAvatar.execute({ actorId, avatarId: user.avatarId });
  }
}
