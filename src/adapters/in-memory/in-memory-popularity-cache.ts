import { randomUUID } from 'node:crypto';
import type { CachedRanking, PopularityCache } from '#application/feed/popularity-cache.ts';
import type { PopularityStanding } from '#application/feed/popularity-store.ts';
import {
  isRankedAfter,
  mostPopularFirst,
  type PopularPosition,
  type PopularPost,
} from '#domain/feed/popularity.ts';

/** The trending ranking in process memory: the protocol of RedisPopularityCache. */
export class InMemoryPopularityCache implements PopularityCache {
  private ranking: { posts: PopularPost[]; complete: boolean } | null = null;
  private leaseHeld: { token: string; expiresAt: number } | null = null;
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  async top(since: Date, after: PopularPosition | null, limit: number): Promise<CachedRanking | null> {
    if (!this.ranking) return null;
    this.ranking.posts = this.ranking.posts.filter((p) => p.createdAt.getTime() >= since.getTime());
    const posts = this.ranking.posts.filter((p) => isRankedAfter(p, after)).slice(0, limit);
    return { posts, complete: this.ranking.complete };
  }

  async lease(): Promise<string | null> {
    if (this.leaseHeld && this.leaseHeld.expiresAt > Date.now()) return null;
    this.leaseHeld = { token: randomUUID(), expiresAt: Date.now() + 10_000 };
    return this.leaseHeld.token;
  }

  async fill(lease: string, snapshot: CachedRanking): Promise<boolean> {
    if (this.leaseHeld?.token !== lease) return false;
    this.leaseHeld = null;
    const posts = [...snapshot.posts].sort(mostPopularFirst);
    const kept = posts.slice(0, this.size);
    this.ranking = { posts: kept, complete: snapshot.complete && kept.length === posts.length };
    return true;
  }

  async record(standing: PopularityStanding): Promise<void> {
    if (!this.ranking) {
      this.leaseHeld = null;
      return;
    }
    const others = this.ranking.posts.filter((p) => p.postId !== standing.postId);
    const { score } = standing;
    const post = score === null ? null : { ...standing, score };
    const lowest = others.at(-1);
    const below =
      !post || (!this.ranking.complete && lowest !== undefined && mostPopularFirst(post, lowest) > 0);
    const posts = below ? others : [...others, toPost(post!)].sort(mostPopularFirst);
    if (posts.length > this.size) this.ranking.complete = false;
    this.ranking.posts = posts.slice(0, this.size);
  }
}

function toPost(p: PopularPost): PopularPost {
  return { postId: p.postId, authorId: p.authorId, createdAt: p.createdAt, score: p.score };
}
