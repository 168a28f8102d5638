/**
 * Trending: a post's likes, discounted by its age. Each half-life of age halves what its
 * likes are worth, so a day-old post needs twice the likes of a new one to rank level
 * with it (with a one-day half-life).
 *
 * The score is kept in log space, `log2(likes) + createdAt / halfLife`: comparing two
 * scores is comparing `likes × 2^(−age / halfLife)` at any common "now" (the `now` term is
 * the same for every post and cancels out). So a score never has to be recomputed as
 * time passes, only when the post's likes change, and it never overflows.
 */
export function popularityScore(likeCount: number, createdAt: Date, halfLifeHours: number): number | null {
  if (likeCount <= 0) return null;
  return Math.log2(likeCount) + createdAt.getTime() / (halfLifeHours * 3_600_000);
}

/** A post's place in the trending list. */
export interface PopularPost {
  readonly postId: string;
  readonly authorId: string;
  readonly createdAt: Date;
  /** `popularityScore` of the post; higher ranks first. */
  readonly score: number;
}

/** A place in the trending list: the score and id of the last post seen. */
export interface PopularPosition {
  readonly score: number;
  readonly id: string;
}

/** Negative when `a` ranks before `b` (higher score, or same score and greater id). */
export function mostPopularFirst(a: PopularPost, b: PopularPost): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.postId < b.postId ? 1 : a.postId > b.postId ? -1 : 0;
}

export function isRankedAfter(post: PopularPost, position: PopularPosition | null): boolean {
  if (!position) return true;
  return post.score < position.score || (post.score === position.score && post.postId < position.id);
}
