import { feedsInvalidated } from '#domain/feed/feed.events.ts';
import type { UserFollowedPayload } from '#domain/social/social.events.ts';
import type { EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { Celebrities } from './celebrities.ts';
import type { FeedSettings } from './feed-settings.ts';
import type { FeedWriter } from './feed-writer.ts';

/**
 * Keeps feeds right when the graph changes: a follow copies the followee's newest posts
 * into the follower's feed (bounded by `backfillPosts`; a celebrity's are merged at read
 * time instead), an unfollow takes them out. Both re-check the follow as it is when they
 * run, so follow/unfollow events handled out of order still leave the feed right.
 *
 * PostgreSQL effects are exactly-once through HandleEventOnce. The follower's cached feed
 * is dropped only after this commit, by RefreshFeedCaches on `feed.invalidated`.
 */
export class SyncFeedWithFollows implements EventHandler {
  readonly consumer = 'feed-follows';
  readonly eventTypes = ['user.followed', 'user.unfollowed'] as const;
  private readonly writer: FeedWriter;
  private readonly celebrities: Celebrities;
  private readonly events: EventPublisher;
  private readonly clock: Clock;
  private readonly settings: FeedSettings;

  constructor(
    writer: FeedWriter,
    celebrities: Celebrities,
    events: EventPublisher,
    clock: Clock,
    settings: FeedSettings,
  ) {
    this.writer = writer;
    this.celebrities = celebrities;
    this.events = events;
    this.clock = clock;
    this.settings = settings;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const { follower_id: follower, followee_id: followee } = event.payload as UserFollowedPayload;
    if (event.type === 'user.followed') {
      const { celebrity } = await this.celebrities.standing(followee);
      if (!celebrity) await this.writer.backfill(follower, followee, this.settings.backfillPosts);
    } else {
      await this.writer.removeAuthor(follower, followee);
    }
    // Either way the cached feed is stale: new or removed entries, or a new celebrity to merge.
    await this.events.publish([feedsInvalidated([follower], this.clock.now())]);
  }
}
