import type { Follow } from '#domain/social/follow.entity.ts';
import { token } from '../shared/token.ts';

/** Who follows whom; at most one follow per (follower, followee). Writes need a unit of work. */
export interface FollowRepository {
  /**
   * Stores the follow and counts it in both users' `following_count`/`followers_count`;
   * false (and nothing changed) when it already existed.
   */
  add(follow: Follow): Promise<boolean>;
  find(followerId: string, followeeId: string): Promise<Follow | null>;
  /** Deletes the follow and uncounts it; false when it was already gone. */
  remove(follow: Follow): Promise<boolean>;
}
export const FollowRepository = token<FollowRepository>('FollowRepository');
