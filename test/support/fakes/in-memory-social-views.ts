import type { KeysetPosition, Page, PageRequest } from '#application/social/page.ts';
import type {
  FollowView,
  FollowViews,
  PostView,
  PostViews,
  UserSummary,
} from '#application/social/social.views.ts';
import type { User } from '#domain/users/user.entity.ts';
import type { InMemoryFollowRepository } from './in-memory-follow.repository.ts';
import type { InMemoryLikeRepository } from './in-memory-like.repository.ts';
import type { InMemoryPostRepository } from './in-memory-post.repository.ts';
import type { InMemoryUserRepository } from './in-memory-user.repository.ts';

const summary = (u: User): UserSummary => ({
  id: u.id,
  handle: u.handle,
  displayName: u.displayName,
  avatarId: u.avatarId,
});

/** Sorts everything and filters by position: the naive model the SQL adapters must agree with. */
function paginate<T>(
  all: T[],
  page: PageRequest,
  keyOf: (t: T) => KeysetPosition,
  idAscending: boolean,
): Page<T> {
  const cmp = (a: KeysetPosition, b: KeysetPosition) =>
    b.createdAt.getTime() - a.createdAt.getTime() ||
    (idAscending ? 1 : -1) * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const sorted = [...all].sort((a, b) => cmp(keyOf(a), keyOf(b)));
  const rest = page.after ? sorted.filter((t) => cmp(keyOf(t), page.after!) > 0) : sorted;
  const items = rest.slice(0, page.limit);
  return { items, next: rest.length > page.limit ? keyOf(items.at(-1)!) : null };
}

export class InMemoryPostViews implements PostViews {
  private readonly users: InMemoryUserRepository;
  private readonly posts: InMemoryPostRepository;
  private readonly likes: InMemoryLikeRepository;

  constructor(users: InMemoryUserRepository, posts: InMemoryPostRepository, likes: InMemoryLikeRepository) {
    this.users = users;
    this.posts = posts;
    this.likes = likes;
  }

  async byId(postId: string, viewerId: string): Promise<PostView | null> {
    const post = this.posts.posts.get(postId);
    return post ? this.view(post.id, viewerId) : null;
  }

  async byAuthor(authorId: string, viewerId: string, page: PageRequest): Promise<Page<PostView>> {
    const mine = [...this.posts.posts.values()].filter((p) => p.authorId === authorId);
    const views = mine.map((p) => this.view(p.id, viewerId));
    return paginate(views, page, (v) => ({ createdAt: v.createdAt, id: v.id }), false);
  }

  private view(postId: string, viewerId: string): PostView {
    const post = this.posts.posts.get(postId)!;
    return {
      id: post.id,
      text: post.text,
      createdAt: post.createdAt,
      author: summary(this.users.users.get(post.authorId)!),
      likeCount: post.likeCount,
      likedByMe: this.likes.likes.has(`${viewerId}/${post.id}`),
    };
  }
}

export class InMemoryFollowViews implements FollowViews {
  private readonly users: InMemoryUserRepository;
  private readonly follows: InMemoryFollowRepository;

  constructor(users: InMemoryUserRepository, follows: InMemoryFollowRepository) {
    this.users = users;
    this.follows = follows;
  }

  async followers(userId: string, page: PageRequest): Promise<Page<FollowView>> {
    return this.list(page, (f) => (f.followeeId === userId ? f.followerId : null));
  }

  async following(userId: string, page: PageRequest): Promise<Page<FollowView>> {
    return this.list(page, (f) => (f.followerId === userId ? f.followeeId : null));
  }

  private list(
    page: PageRequest,
    listed: (f: { followerId: string; followeeId: string }) => string | null,
  ): Page<FollowView> {
    const views = [...this.follows.follows.values()].flatMap((f) => {
      const id = listed(f);
      return id ? [{ user: summary(this.users.users.get(id)!), followedAt: f.createdAt }] : [];
    });
    return paginate(views, page, (v) => ({ createdAt: v.followedAt, id: v.user.id }), true);
  }
}
