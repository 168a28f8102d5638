import { UserNotFound } from '#domain/users/user.errors.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { Page, PageRequest } from './page.ts';
import type { PostView, PostViews } from './social.views.ts';

export interface ListUserPostsQuery {
  authorId: string;
  viewerId: string;
  page: PageRequest;
}

/** One user's posts, newest first; an unknown user is an error, not an empty list. */
export class ListUserPosts {
  private readonly users: UserRepository;
  private readonly views: PostViews;

  constructor(users: UserRepository, views: PostViews) {
    this.users = users;
    this.views = views;
  }

  async execute({ authorId, viewerId, page }: ListUserPostsQuery): Promise<Page<PostView>> {
    if (!(await this.users.byId(authorId))) throw new UserNotFound(authorId);
    return this.views.byAuthor(authorId, viewerId, page);
  }
}
