import { randomUUID } from 'node:crypto';
import type { Celebrities } from '#application/feed/celebrities.ts';
import type { FeedItemSource } from '#application/feed/feed-item-source.ts';
import type { FeedReadModel } from '#application/feed/feed-read-model.ts';
import type { FeedWriter } from '#application/feed/feed-writer.ts';
import type { PopularityStore } from '#application/feed/popularity-store.ts';
import type { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { FollowRepository } from '#application/social/follow.repository.ts';
import type { LikeRepository } from '#application/social/like.repository.ts';
import type { PostRepository } from '#application/social/post.repository.ts';
import type { UserRepository } from '#application/users/user.repository.ts';
import type { FeedEntry } from '#domain/feed/feed-entry.ts';
import { Follow } from '#domain/social/follow.entity.ts';
import { Like } from '#domain/social/like.entity.ts';
import { Post } from '#domain/social/post.entity.ts';
import type { User } from '#domain/users/user.entity.ts';
import { aUser } from '../support/builders/user.builder.ts';
import { T0 } from '../support/feed/feed-entries.ts';

/** The feed's store ports and the social write side they read, from one store (SQL or in-memory). */
export interface FeedStoreHarness {
  unitOfWork: UnitOfWork;
  users: UserRepository;
  posts: PostRepository;
  likes: LikeRepository;
  follows: FollowRepository;
  readModel: FeedReadModel;
  writer: FeedWriter;
  celebrities: Celebrities;
  items: FeedItemSource;
  popularity: PopularityStore;
  close(): Promise<void>;
}

export async function givenUsers(h: FeedStoreHarness, count: number): Promise<User[]> {
  const users = Array.from({ length: count }, () => aUser());
  await h.unitOfWork.transaction(async () => {
    for (const user of users) await h.users.add(user);
  });
  return users;
}

/** A post written at T0 + ms, as a feed entry. */
export async function givenPost(h: FeedStoreHarness, author: User, ms: number): Promise<FeedEntry> {
  const post = Post.create({
    id: randomUUID(),
    authorId: author.id,
    text: `post at ${ms}`,
    at: new Date(T0 + ms),
  });
  await h.unitOfWork.transaction(() => h.posts.add(post));
  return { postId: post.id, authorId: author.id, createdAt: post.createdAt };
}

export async function follow(h: FeedStoreHarness, follower: User, followee: User, ms = 0): Promise<Follow> {
  const f = Follow.start(follower.id, followee.id, new Date(T0 + ms));
  await h.unitOfWork.transaction(() => h.follows.add(f));
  return f;
}

export async function unfollow(h: FeedStoreHarness, follower: User, followee: User): Promise<void> {
  await h.unitOfWork.transaction(async () => {
    const f = await h.follows.find(follower.id, followee.id);
    if (f) await h.follows.remove(f);
  });
}

export async function like(h: FeedStoreHarness, user: User, postId: string): Promise<void> {
  await h.unitOfWork.transaction(async () => {
    const post = (await h.posts.byId(postId))!;
    await h.likes.add(Like.give(post, user.id, new Date(T0)));
  });
}

export const inTransaction = <T>(h: FeedStoreHarness, work: () => Promise<T>) =>
  h.unitOfWork.transaction(work);
