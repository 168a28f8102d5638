import type { FollowRepository } from '#application/social/follow.repository.ts';
import type { Follow } from '#domain/social/follow.entity.ts';
import { adjust } from './in-memory-post.repository.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';
import type { InMemoryUserRepository } from './in-memory-user.repository.ts';

export class InMemoryFollowRepository implements FollowRepository {
  /** Keyed `followerId/followeeId`. */
  readonly follows = new Map<string, Follow>();
  private readonly uow: InMemoryUnitOfWork;
  private readonly users: InMemoryUserRepository;

  constructor(uow: InMemoryUnitOfWork, users: InMemoryUserRepository) {
    this.uow = uow;
    this.users = users;
  }

  async add(follow: Follow): Promise<boolean> {
    const [follower, followee] = this.both(follow);
    this.uow.staged(() => {});
    const key = `${follow.followerId}/${follow.followeeId}`;
    if (this.follows.has(key)) return false;
    this.uow.staged(() => this.follows.delete(key));
    this.follows.set(key, follow);
    adjust(this.uow, follower, 'followingCount', +1);
    adjust(this.uow, followee, 'followersCount', +1);
    return true;
  }

  async find(followerId: string, followeeId: string): Promise<Follow | null> {
    return this.follows.get(`${followerId}/${followeeId}`) ?? null;
  }

  async remove(follow: Follow): Promise<boolean> {
    const [follower, followee] = this.both(follow);
    this.uow.staged(() => {});
    const key = `${follow.followerId}/${follow.followeeId}`;
    const stored = this.follows.get(key);
    if (!stored) return false;
    this.uow.staged(() => this.follows.set(key, stored));
    this.follows.delete(key);
    adjust(this.uow, follower, 'followingCount', -1);
    adjust(this.uow, followee, 'followersCount', -1);
    return true;
  }

  private both(follow: Follow) {
    const follower = this.users.users.get(follow.followerId);
    const followee = this.users.users.get(follow.followeeId);
    if (!follower || !followee) throw new Error('foreign key: no such user');
    return [follower, followee] as const;
  }
}
