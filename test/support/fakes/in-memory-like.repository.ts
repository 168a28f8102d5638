import type { LikeRepository } from '#application/social/like.repository.ts';
import type { Like } from '#domain/social/like.entity.ts';
import { adjust, type InMemoryPostRepository } from './in-memory-post.repository.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';

export class InMemoryLikeRepository implements LikeRepository {
  /** Keyed `userId/postId`. */
  readonly likes = new Map<string, Like>();
  private readonly uow: InMemoryUnitOfWork;
  private readonly posts: InMemoryPostRepository;

  constructor(uow: InMemoryUnitOfWork, posts: InMemoryPostRepository) {
    this.uow = uow;
    this.posts = posts;
  }

  async add(like: Like): Promise<boolean> {
    const post = this.posts.posts.get(like.postId);
    if (!post) throw new Error(`foreign key: no post ${like.postId}`);
    this.uow.staged(() => {});
    const key = `${like.userId}/${like.postId}`;
    if (this.likes.has(key)) return false;
    this.uow.staged(() => this.likes.delete(key));
    this.likes.set(key, like);
    adjust(this.uow, post, 'likeCount', +1);
    return true;
  }

  async find(userId: string, postId: string): Promise<Like | null> {
    return this.likes.get(`${userId}/${postId}`) ?? null;
  }

  async remove(like: Like): Promise<boolean> {
    this.uow.staged(() => {});
    const key = `${like.userId}/${like.postId}`;
    const stored = this.likes.get(key);
    if (!stored) return false;
    this.uow.staged(() => this.likes.set(key, stored));
    this.likes.delete(key);
    adjust(this.uow, this.posts.posts.get(like.postId)!, 'likeCount', -1);
    return true;
  }
}
