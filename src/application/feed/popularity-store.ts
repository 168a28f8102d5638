import type { PopularPosition, PopularPost } from '#domain/feed/popularity.ts';
import { token } from '../shared/token.ts';

/** A post's standing after a like or unlike; `score` is null once nobody likes it. */
export interface PopularityStanding extends Omit<PopularPost, 'score'> {
  likeCount: number;
  score: number | null;
}

/**
 * The trending read model in PostgreSQL (the source the cache is rebuilt from, and the
 * fallback when it is not there): like counts per post, kept by the like events.
 */
export interface PopularityStore {
  /**
   * Counts one like (+1) or unlike (−1) of the post and re-scores it with `score`; null for
   * an unknown post. Needs a unit of work; concurrent changes to one post are serialised.
   */
  apply(
    postId: string,
    delta: 1 | -1,
    score: (likeCount: number, createdAt: Date) => number | null,
  ): Promise<PopularityStanding | null>;
  /** Liked posts created since `since`, by score, after `after`. */
  top(since: Date, after: PopularPosition | null, limit: number): Promise<PopularPost[]>;
}
export const PopularityStore = token<PopularityStore>('PopularityStore');
