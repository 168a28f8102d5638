import { UserNotFound } from '#domain/users/user.errors.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { Page, PageRequest } from './page.ts';
import type { FollowView, FollowViews } from './social.views.ts';

export interface ListFollowsQuery {
  userId: string;
  /** `followers`: who follows the user; `following`: whom the user follows. */
  direction: 'followers' | 'following';
  page: PageRequest;
}

/** A user's followers or followings, newest follow first; an unknown user is an error. */
export class ListFollows {
  private readonly users: UserRepository;
  private readonly views: FollowViews;

  constructor(users: UserRepository, views: FollowViews) {
    this.users = users;
    this.views = views;
  }

  async execute({ userId, direction, page }: ListFollowsQuery): Promise<Page<FollowView>> {
    if (!(await this.users.byId(userId))) throw new UserNotFound(userId);
    return direction === 'followers'
      ? this.views.followers(userId, page)
      : this.views.following(userId, page);
  }
}
