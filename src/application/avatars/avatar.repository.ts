import type { Avatar } from '#domain/avatars/avatar.entity.ts';
import { token } from '../shared/token.ts';

/** Position in a user's avatars, newest first (keyset pagination). */
export interface AvatarPosition {
  createdAt: Date;
  id: string;
}

export interface AvatarRepository {
  /** Stages a new avatar in the current unit of work. */
  add(avatar: Avatar): Promise<void>;
  /** The avatar, deleted or not (callers decide what a deleted one means). */
  byId(id: string): Promise<Avatar | null>;
  /**
   * The avatar, held against concurrent changes until the unit of work ends, so that
   * processing, deletion and pinning of one avatar happen one after the other.
   */
  lockById(id: string): Promise<Avatar | null>;
  /** A user's avatars that are not deleted, newest first, strictly after `after`. */
  listByUser(userId: string, options: { after?: AvatarPosition; limit: number }): Promise<Avatar[]>;
  /** The user's newest ready, not deleted avatar other than `excludingId`. */
  newestReady(userId: string, excludingId: string): Promise<Avatar | null>;
}
export const AvatarRepository = token<AvatarRepository>('AvatarRepository');
