import { AvatarNotFound } from '#domain/avatars/avatar.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { AvatarRepository } from './avatar.repository.ts';

export interface DeleteAvatarCommand {
  actorId: string;
  avatarId: string;
}

/**
 * Soft-deletes an avatar of the actor's: from the commit on it is gone from every read,
 * the user falls back to their newest other ready avatar when it was the shown one, and
 * `avatar.deleted` has the worker remove its objects.
 */
export class DeleteAvatar {
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

  execute({ actorId, avatarId }: DeleteAvatarCommand): Promise<void> {
    return this.unitOfWork.transaction(async () => {
      const avatar = await this.avatars.lockById(avatarId);
      if (!avatar) throw new AvatarNotFound(avatarId);
      const at = this.clock.now();
      avatar.deleteBy(actorId, at);
      const next = await this.avatars.newestReady(avatar.userId, avatar.id);
      const owner = await this.users.byId(avatar.userId);
      owner?.avatarRemoved(avatar.id, next?.id ?? null, at);
      await this.events.publish([...avatar.pullEvents(), ...(owner?.pullEvents() ?? [])]);
    });
  }
}
