import { Follow } from '#domain/social/follow.entity.ts';
import { UserNotFound } from '#domain/users/user.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { FollowRepository } from './follow.repository.ts';

export interface FollowUserCommand {
  followerId: string;
  followeeId: string;
}

/** Follows someone. Idempotent: following them again changes nothing and announces nothing. */
export class FollowUser {
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

  async execute({ followerId, followeeId }: FollowUserCommand): Promise<void> {
    const follow = Follow.start(followerId, followeeId, this.clock.now());
    await this.unitOfWork.transaction(async () => {
      if (!(await this.users.byId(followeeId))) throw new UserNotFound(followeeId);
      if (await this.follows.add(follow)) await this.events.publish(follow.pullEvents());
    });
  }
}
