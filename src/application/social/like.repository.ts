import type { Like } from '#domain/social/like.entity.ts';
import { token } from '../shared/token.ts';

/** Who likes which post; at most one like per (user, post). Writes need a unit of work. */
export interface LikeRepository {
  /**
   * Stores the like and counts it in the post's `like_count`; false (and nothing
   * changed) when this user already likes the post, even if a concurrent like won the race.
   */
  add(like: Like): Promise<boolean>;
  find(userId: string, postId: string): Promise<Like | null>;
  /** Deletes the like and uncounts it; false when it was already gone (a concurrent unlike). */
  remove(like: Like): Promise<boolean>;
}
export const LikeRepository = token<LikeRepository>('LikeRepository');
