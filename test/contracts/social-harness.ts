import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { FollowRepository } from '#application/social/follow.repository.ts';
import type { LikeRepository } from '#application/social/like.repository.ts';
import type { PostRepository } from '#application/social/post.repository.ts';
import type { FollowViews, PostViews } from '#application/social/social.views.ts';
import type { UserRepository } from '#application/users/user.repository.ts';
import { Post } from '#domain/social/post.entity.ts';
import type { User } from '#domain/users/user.entity.ts';
import { aUser } from '../support/builders/user.builder.ts';

/** Everything the social contract suites exercise, from one store (SQL or in-memory). */
export interface SocialHarness {
  unitOfWork: UnitOfWork;
  users: UserRepository;
  posts: PostRepository;
  likes: LikeRepository;
  follows: FollowRepository;
  postViews: PostViews;
  followViews: FollowViews;
  close(): Promise<void>;
}

export const T0 = new Date('2026-11-22T09:00:00.000Z');
export const at = (ms: number) => new Date(T0.getTime() + ms);

export async function givenUsers(h: SocialHarness, count: number): Promise<User[]> {
  const users = Array.from({ length: count }, () => aUser());
  await h.unitOfWork.transaction(async () => {
    for (const user of users) await h.users.add(user);
  });
  return users;
}

export async function givenPost(h: SocialHarness, author: User, ms = 0, text = 'hello'): Promise<Post> {
  const post = Post.create({ id: randomUUID(), authorId: author.id, text, at: at(ms) });
  await h.unitOfWork.transaction(() => h.posts.add(post));
  return post;
}

/** The user as the store has it now (its counters included). */
export async function reload(h: SocialHarness, user: { id: string }): Promise<User> {
  const found = await h.users.byId(user.id);
  if (!found) throw new Error(`user ${user.id} vanished`);
  return found;
}
