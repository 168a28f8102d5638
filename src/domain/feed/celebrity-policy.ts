/**
 * Hybrid fan-out: the posts of accounts with very many followers are not copied into
 * every follower's feed (one post would mean millions of rows); followers' feeds pull
 * them in when read instead. Once an author is treated as a celebrity they stay one, so
 * none of their posts falls between the two strategies.
 */
export class CelebrityPolicy {
  /** Followers from which an author is a celebrity; 0 turns the hybrid off (always fan out). */
  readonly threshold: number;

  constructor(threshold: number) {
    if (!Number.isInteger(threshold) || threshold < 0)
      throw new Error(`Invalid celebrity threshold ${threshold}.`);
    this.threshold = threshold;
  }

  /** Whether an author who is not yet a celebrity becomes one with this many followers. */
  becomesCelebrity(followers: number): boolean {
    return this.threshold > 0 && followers >= this.threshold;
  }
}
