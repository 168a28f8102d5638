import { popularityScore } from '#domain/feed/popularity.ts';
import type { PostLikedPayload } from '#domain/social/social.events.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { PopularityCache } from './popularity-cache.ts';
import type { PopularityStore } from './popularity-store.ts';

/**
 * Keeps the trending ranking: each like or unlike moves the post's count in PostgreSQL
 * (exactly once, through HandleEventOnce) and sets its new score in the cache.
 *
 * The cache write sets an absolute score, so repeating it is harmless; it is made while
 * the post's row is locked by this transaction, so writes for one post reach the cache
 * in commit order. If the transaction then fails, the redelivery recomputes and writes
 * the same score again; a ranking rebuilt from PostgreSQL is always right.
 */
export class RankPopularPosts implements EventHandler {
  readonly consumer = 'popular-posts';
  readonly eventTypes = ['post.liked', 'post.unliked'] as const;
  private readonly store: PopularityStore;
  private readonly cache: PopularityCache;
  private readonly halfLifeHours: number;

  constructor(store: PopularityStore, cache: PopularityCache, halfLifeHours: number) {
    this.store = store;
    this.cache = cache;
    this.halfLifeHours = halfLifeHours;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const { post_id } = event.payload as PostLikedPayload;
    const delta = event.type === 'post.liked' ? 1 : -1;
    const standing = await this.store.apply(post_id, delta, (likes, createdAt) =>
      popularityScore(likes, createdAt, this.halfLifeHours),
    );
    if (standing) await this.cache.record(standing);
  }
}
