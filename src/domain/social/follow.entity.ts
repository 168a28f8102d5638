import { AggregateRoot } from '../shared/aggregate-root.ts';
import { domainEvent } from '../shared/domain-event.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { UserFollowedPayload, UserUnfollowedPayload } from './social.events.ts';

export class CannotFollowYourself extends DomainError {
  constructor() {
    super('follow.self', 'invalid', 'You cannot follow yourself.');
  }
}

/**
 * One user follows another and sees their posts. At most one per (follower, followee);
 * a repeated follow is stored as nothing and announces nothing.
 */
export class Follow extends AggregateRoot {
  readonly followerId!: string;
  readonly followeeId!: string;
  readonly createdAt!: Date;

  private constructor() {
    super();
  }

  static start(followerId: string, followeeId: string, at: Date): Follow {
    if (followerId === followeeId) throw new CannotFollowYourself();
    const follow = new Follow();
    Object.assign(follow, { followerId, followeeId, createdAt: at });
    follow.record(
      domainEvent<'user.followed', UserFollowedPayload>(
        'user.followed',
        { follower_id: followerId, followee_id: followeeId },
        at,
      ),
    );
    return follow;
  }

  end(at: Date): void {
    this.record(
      domainEvent<'user.unfollowed', UserUnfollowedPayload>(
        'user.unfollowed',
        { follower_id: this.followerId, followee_id: this.followeeId },
        at,
      ),
    );
  }
}
