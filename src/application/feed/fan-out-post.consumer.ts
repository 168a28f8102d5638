import {
  celebrityPromoted,
  entryOf,
  fanOutContinued,
  postDelivered,
  type FanOutContinuedPayload,
  type FeedPostPayload,
} from '#domain/feed/feed.events.ts';
import type { DomainEvent, EventEnvelope } from '#domain/shared/domain-event.ts';
import type { EventHandler } from '../messaging/event-handler.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventPublisher } from '../shared/event-publisher.ts';
import type { Celebrities } from './celebrities.ts';
import type { CelebrityPostsCache } from './feed-cache.ts';
import type { FeedMetrics } from './feed-metrics.ts';
import type { FeedSettings } from './feed-settings.ts';
import type { DeliveredChunk, FeedWriter } from './feed-writer.ts';

export interface FanOutPostDeps {
  writer: FeedWriter;
  celebrities: Celebrities;
  celebrityPosts: CelebrityPostsCache;
  events: EventPublisher;
  clock: Clock;
  metrics: FeedMetrics;
  settings: FeedSettings;
}

/**
 * Fan-out on write: delivers a new post into its author's feed and, chunk by chunk, into
 * every follower's (one transaction per chunk; the next chunk is a `feed.fanout_continued`
 * event committed with this one, so a huge audience never holds one long transaction).
 * Celebrities' posts are not delivered to followers: readers merge them in.
 *
 * PostgreSQL effects are exactly-once through HandleEventOnce and idempotent per (owner,
 * post) anyway. Cache updates for the delivered rows are not made here (they must wait
 * for this commit): `feed.post_delivered` carries them to RefreshFeedCaches. The only
 * Redis effect here, adding a celebrity's post to their cached timeline, mirrors the
 * `posts` table, already committed; it is a set insert, so a redelivery repeats it harmlessly.
 */
export class FanOutPost implements EventHandler {
  readonly consumer = 'feed-fanout';
  readonly eventTypes = ['post.created', 'feed.fanout_continued'] as const;
  private readonly d: FanOutPostDeps;

  constructor(deps: FanOutPostDeps) {
    this.d = deps;
  }

  async handle(event: EventEnvelope): Promise<void> {
    const payload = event.payload as FeedPostPayload | FanOutContinuedPayload;
    const entry = entryOf(payload);
    const done = this.d.metrics.startFanOut();
    const now = this.d.clock.now();
    const announce: DomainEvent[] = [];
    const owners: string[] = [];
    let chunk: DeliveredChunk | null = null;
    if ('after' in payload) {
      const after = {
        followedAt: new Date(payload.after.followed_at),
        followerId: payload.after.follower_id,
      };
      chunk = await this.d.writer.deliverToFollowers(entry, after, this.d.settings.fanOutChunk);
    } else {
      if (await this.d.writer.deliverToAuthor(entry)) owners.push(entry.authorId);
      if (await this.isCelebrity(entry.authorId, now, announce)) await this.d.celebrityPosts.push(entry);
      else chunk = await this.d.writer.deliverToFollowers(entry, null, this.d.settings.fanOutChunk);
    }
    owners.push(...(chunk?.owners ?? []));
    if (owners.length > 0) announce.push(postDelivered(entry, owners, now));
    if (chunk?.next) announce.push(fanOutContinued(entry, chunk.next, now));
    if (announce.length > 0) await this.d.events.publish(announce);
    done(owners.length);
  }

  /** Decided when the author posts; promotion is for good (see CelebrityPolicy). */
  private async isCelebrity(authorId: string, now: Date, announce: DomainEvent[]): Promise<boolean> {
    const { celebrity, followers } = await this.d.celebrities.standing(authorId);
    if (celebrity) return true;
    if (!this.d.settings.celebrities.becomesCelebrity(followers)) return false;
    if (await this.d.celebrities.promote(authorId, now)) announce.push(celebrityPromoted(authorId, now));
    return true;
  }
}
