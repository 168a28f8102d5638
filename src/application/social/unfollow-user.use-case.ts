import { UserNotFound } from '#domain/users/user.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { FollowRepository } from './follow.repository.ts';

export interface UnfollowUserCommand {
  followerId: string;
  followeeId: string;
}

/**
 * Stops following someone. Idempotent: unfollowing someone one does not follow (oneself
 * included) changes nothing; an unknown user is still an error.
 */
export class UnfollowUser {
  private readonly unitOfWork: UnitOfWork;
  private readonly users: UserRepository;
  private readonly follows: FollowRepository;
  private readonly events: EventPublisher;
  private readonly clock: Clock;

  constructor(
    unitOfWork: UnitOfWork,
    users: UserRepository,
    follows: FollowRepository,
    events: EventPublisher,
    clock: Clock,
  ) {
    this.unitOfWork = unitOfWork;
    this.users = users;
    this.follows = follows;
    this.events = events;
    this.clock = clock;
  }

  execute({ followerId, followeeId }: UnfollowUserCommand): Promise<void> {
    return this.unitOfWork.transaction(async () => {
      if (!(await this.users.byId(followeeId))) throw new UserNotFound(followeeId);
      const follow = await this.follows.find(followerId, followeeId);
      if (!follow) return;
      follow.end(this.clock.now());
      if (await this.follows.remove(follow)) await this.events.publish(follow.pullEvents());
    });
  }
}
