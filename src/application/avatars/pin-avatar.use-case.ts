import { AvatarNotFound, AvatarNotReady, AvatarNotYours } from '#domain/avatars/avatar.errors.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { AvatarRepository } from './avatar.repository.ts';

export interface PinAvatarCommand {
  userId: string;
  avatarId: string;
}

/**
 * The user chooses which of their ready avatars is shown (`PATCH /me` `avatar_id`); it stays
 * shown until they choose another or delete it. The avatar is locked so that a concurrent
 * deletion cannot leave the user pointing at a deleted avatar.
 */
export class PinAvatar {
  private readonly unitOfWork: UnitOfWork;
  private readonly avatars: AvatarRepository;
  private readonly users: UserRepository;
  private readonly events: EventPublisher;
  private readonly clock: Clock;

  constructor(
    unitOfWork: UnitOfWork,
    avatars: AvatarRepository,
    users: UserRepository,
    events: EventPublisher,
    clock: Clock,
  ) {
    this.unitOfWork = unitOfWork;
    this.avatars = avatars;
    this.users = users;
    this.events = events;
    this.clock = clock;
  }

  execute({ userId, avatarId }: PinAvatarCommand): Promise<void> {
    return this.unitOfWork.transaction(async () => {
      const avatar = await this.avatars.lockById(avatarId);
      if (!avatar || avatar.isDeleted()) throw new AvatarNotFound(avatarId);
      if (avatar.userId !== userId) throw new AvatarNotYours();
      if (avatar.status !== 'ready') throw new AvatarNotReady(avatar.status);
      const user = await this.users.byId(userId);
      if (!user) throw new UserNotFound(userId);
      user.pinAvatar(avatar.id, this.clock.now());
      await this.events.publish(user.pullEvents());
    });
  }
}
