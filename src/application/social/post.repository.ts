import type { Post } from '#domain/social/post.entity.ts';
import { token } from '../shared/token.ts';

/** Where posts live. Posts are immutable: added once, never updated. */
export interface PostRepository {
  /**
   * Stages a new post in the current unit of work and counts it in its author's
   * `posts_count`, in the same transaction.
   */
  add(post: Post): Promise<void>;
  byId(id: string): Promise<Post | null>;
}
export const PostRepository = token<PostRepository>('PostRepository');
