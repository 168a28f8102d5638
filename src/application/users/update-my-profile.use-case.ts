import type { User } from '#domain/users/user.entity.ts';
import type { PinAvatar } from '../avatars/pin-avatar.use-case.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from './user.repository.ts';

export interface UpdateMyProfileCommand {
  userId: string;
  /** Omitted fields stay as they are. */
  displayName?: string | undefined;
  digestEnabled?: boolean | undefined;
  /** One of the user's ready avatars, to show from now on (pinned). */
  avatarId?: string | undefined;
}

/**
 * Changes the caller's own display name, daily-digest subscription and shown avatar, all
 * or nothing: the avatar is pinned inside the same transaction (a nested unit of work).
 * A change others can see announces `user.profile_changed` (caches of the author go stale).
 */
export class UpdateMyProfile {
  private readonly uow: UnitOfWork;
  private readonly users: UserRepository;
  private readonly events: EventPublisher;
  private readonly clock: Clock;
  private readonly pinAvatar: Pick<PinAvatar, 'execute'> | null;

  constructor(
    uow: UnitOfWork,
    users: UserRepository,
    events: EventPublisher,
    clock: Clock,
    pinAvatar: Pick<PinAvatar, 'execute'> | null = null,
  ) {
    this.uow = uow;
    this.users = users;
    this.events = events;
    this.clock = clock;
    this.pinAvatar = pinAvatar;
  }

  async execute(command: UpdateMyProfileCommand): Promise<User> {
    const at = this.clock.now();
    return this.uow.transaction(async () => {
      const user = await this.users.byId(command.userId);
      if (!user) throw new UserNotFound(command.userId);
      if (command.displayName !== undefined) user.rename(command.displayName, at);
      if (command.digestEnabled !== undefined) user.subscribeToDigest(command.digestEnabled, at);
      if (command.avatarId !== undefined) {
        if (!this.pinAvatar) throw new Error('UpdateMyProfile was built without PinAvatar');
        await this.pinAvatar.execute({ userId: command.userId, avatarId: command.avatarId });
      }
      await this.events.publish(user.pullEvents());
      return user;
    });
  }
}
