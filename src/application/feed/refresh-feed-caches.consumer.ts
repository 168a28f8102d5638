import {
  entryOf,
  type FeedsInvalidatedPayload,
  type PostDeliveredPayload,
} from '#domain/feed/feed.events.ts';
import type { PostLikedPayload } from '#domain/social/social.events.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { Clock } from '../shared/clock.ts';
import type { FeedCache } from './feed-cache.ts';
import type { FeedItemCache } from './feed-item-cache.ts';
import type { FeedMetrics } from './feed-metrics.ts';
import type { FeedReadModel } from './feed-read-model.ts';

/**
 * Brings the caches up to date with committed changes: deliveries (added to the cached
 * feeds that exist), invalidated feeds, a new celebrity (every cached feed goes stale),
 * likes and unlikes (the post's counter and the liker's cached likes dropped), renamed
 * authors and changed or deleted avatars (author summaries dropped).
 *
 * Its effects are all in the cache, so it makes them idempotent itself: adding an entry
 * is a sorted-set insert; dropping and invalidating are deletes (a repeated invalidation
 * only costs one more refill). A delivery is applied only to owners whose feed still
 * holds the post in PostgreSQL and whose cache generation did not move since before that
 * check, so a late or redelivered delivery never resurrects a removed entry.
 */
export class RefreshFeedCaches implements EventHandler {
  readonly consumer = 'feed-cache';
  readonly eventTypes = [
    'feed.post_delivered',
    'feed.invalidated',
    'feed.celebrity_promoted',
    'post.liked',
    'post.unliked',
    'avatar.deleted',
    'user.profile_changed',
  ] as const;
  private readonly feeds: FeedCache;
  private readonly items: FeedItemCache;
  private readonly readModel: FeedReadModel;
  private readonly clock: Clock;
  private readonly metrics: FeedMetrics;

  constructor(
    feeds: FeedCache,
    items: FeedItemCache,
    readModel: FeedReadModel,
    clock: Clock,
    metrics: FeedMetrics,
  ) {
    this.feeds = feeds;
    this.items = items;
    this.readModel = readModel;
    this.clock = clock;
    this.metrics = metrics;
  }

  async handle(event: EventEnvelope): Promise<void> {
    switch (event.type) {
      case 'feed.post_delivered':
        return this.deliver(event.payload as PostDeliveredPayload);
      case 'feed.invalidated':
        return this.feeds.invalidate((event.payload as FeedsInvalidatedPayload).owner_ids);
      case 'feed.celebrity_promoted':
        return this.feeds.invalidateAll();
      case 'post.liked':
      case 'post.unliked': {
        const { post_id, user_id } = event.payload as PostLikedPayload;
        await this.items.forgetLikeCounts([post_id]);
        return this.items.forgetLikes([user_id]);
      }
      case 'avatar.deleted':
      case 'user.profile_changed':
        return this.items.forgetAuthors([(event.payload as { user_id: string }).user_id]);
    }
  }

  private async deliver(payload: PostDeliveredPayload): Promise<void> {
    const entry = entryOf(payload);
    // Generations first, then the check: an invalidation after the check moves them on.
    // Only cached feeds are checked (active users, a few of the owners); the others' leases
    // are revoked by the same step.
    const generations = await this.feeds.cachedGenerations(payload.owner_ids);
    const holders = new Set(
      await this.readModel.holders(
        entry,
        generations.map((g) => g.ownerId),
      ),
    );
    if (holders.size > 0)
      await this.feeds.push(
        entry,
        generations.filter((g) => holders.has(g.ownerId)),
      );
    this.metrics.feedLag(Math.max(0, this.clock.now().getTime() - entry.createdAt.getTime()) / 1000);
  }
}
