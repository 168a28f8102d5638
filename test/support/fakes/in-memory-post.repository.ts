import type { PostRepository } from '#application/social/post.repository.ts';
import type { Post } from '#domain/social/post.entity.ts';
import type { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';
import type { InMemoryUserRepository } from './in-memory-user.repository.ts';

/** Posts in a map; counts them in the author's `postsCount` as the SQL adapter does. */
export class InMemoryPostRepository implements PostRepository {
  readonly posts = new Map<string, Post>();
  private readonly uow: InMemoryUnitOfWork;
  private readonly users: InMemoryUserRepository;

  constructor(uow: InMemoryUnitOfWork, users: InMemoryUserRepository) {
    this.uow = uow;
    this.users = users;
  }

  async add(post: Post): Promise<void> {
    if (this.posts.has(post.id)) throw new Error(`duplicate post id ${post.id}`);
    const author = this.users.users.get(post.authorId);
    if (!author) throw new Error(`foreign key: no user ${post.authorId}`);
    this.uow.staged(() => this.posts.delete(post.id));
    this.posts.set(post.id, post);
    adjust(this.uow, author, 'postsCount', +1);
  }

  async byId(id: string): Promise<Post | null> {
    return this.posts.get(id) ?? null;
  }
}

/** Changes a denormalised counter the way an SQL increment would, undone with the transaction. */
export function adjust<T extends object>(
  uow: InMemoryUnitOfWork,
  target: T,
  field: keyof T & string,
  by: number,
): void {
  const before = target[field] as number;
  uow.staged(() => Object.assign(target, { [field]: before }));
  Object.assign(target, { [field]: before + by });
}
