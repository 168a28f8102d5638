import { randomUUID } from 'node:crypto';
import { v7 } from 'uuid';
import { InMemoryCelebrityPostsCache } from '#adapters/in-memory/in-memory-celebrity-posts-cache.ts';
import { InMemoryFeedCache } from '#adapters/in-memory/in-memory-feed-cache.ts';
import { InMemoryFeedItemCache } from '#adapters/in-memory/in-memory-feed-item-cache.ts';
import { InMemoryFeedPageCache } from '#adapters/in-memory/in-memory-feed-page-cache.ts';
import { InMemoryPopularityCache } from '#adapters/in-memory/in-memory-popularity-cache.ts';
import { CelebrityTimelines } from '#application/feed/celebrity-timelines.ts';
import { FanOutPost } from '#application/feed/fan-out-post.consumer.ts';
import { FeedItems } from '#application/feed/feed-items.ts';
import type { FeedSettings } from '#application/feed/feed-settings.ts';
import { GetHomeFeed } from '#application/feed/get-home-feed.use-case.ts';
import { GetPopularPosts } from '#application/feed/get-popular-posts.use-case.ts';
import { HomeTimeline } from '#application/feed/home-timeline.ts';
import { PopularRanking } from '#application/feed/popular-ranking.ts';
import { RankPopularPosts } from '#application/feed/rank-popular-posts.consumer.ts';
import { RefreshFeedCaches } from '#application/feed/refresh-feed-caches.consumer.ts';
import { SyncFeedWithFollows } from '#application/feed/sync-feed-with-follows.consumer.ts';
import type { EventHandler } from '#application/messaging/event-handler.ts';
import { CreatePost } from '#application/social/create-post.use-case.ts';
import { FollowUser } from '#application/social/follow-user.use-case.ts';
import { LikePost } from '#application/social/like-post.use-case.ts';
import { UnfollowUser } from '#application/social/unfollow-user.use-case.ts';
import { UnlikePost } from '#application/social/unlike-post.use-case.ts';
import { CelebrityPolicy } from '#domain/feed/celebrity-policy.ts';
import { envelope } from '#domain/shared/domain-event.ts';
import type { User } from '#domain/users/user.entity.ts';
import { aUser } from '../builders/user.builder.ts';
import { InMemoryFeedStore } from '../fakes/in-memory-feed-store.ts';
import { inMemorySocial } from '../fakes/in-memory-social.ts';
import { RecordingFeedMetrics } from '../fakes/recording-feed-metrics.ts';

export interface FeedWorldOptions {
  cacheSize?: number;
  celebrityFollowers?: number;
  fanOutChunk?: number;
  backfillPosts?: number;
  /** Likes a viewer may have since the cached likes' floor (FeedItems' bound). */
  maxCachedLikes?: number;
}

/**
 * The social write side and the whole feed read side in memory, wired as the container
 * wires them, with `drain()` standing in for the outbox and the broker: it hands every
 * committed event to every handler subscribed to it, each in its own transaction.
 */
export function feedWorld(options: FeedWorldOptions = {}) {
  const social = inMemorySocial();
  const { unitOfWork: uow, events, clock } = social;
  const store = new InMemoryFeedStore(social);
  const metrics = new RecordingFeedMetrics();
  const settings: FeedSettings = {
    cacheSize: options.cacheSize ?? 50,
    backfillPosts: options.backfillPosts ?? 1_000,
    fanOutChunk: options.fanOutChunk ?? 100,
    celebrities: new CelebrityPolicy(options.celebrityFollowers ?? 0),
    popular: { windowHours: 168, halfLifeHours: 24, cacheSize: 100 },
  };
  const timelines = { size: settings.cacheSize, ttlSeconds: 3_600 };
  const caches = {
    feeds: new InMemoryFeedCache(timelines),
    celebrityPosts: new InMemoryCelebrityPostsCache(timelines),
    items: new InMemoryFeedItemCache({ postSeconds: 3_600, authorSeconds: 3_600, likeCountSeconds: 3_600 }),
    popularity: new InMemoryPopularityCache(settings.popular.cacheSize),
  };
  const items = new FeedItems(caches.items, store, metrics, clock, options.maxCachedLikes);
  const celebrityTimelines = new CelebrityTimelines(
    caches.celebrityPosts,
    store,
    metrics,
    settings.cacheSize,
  );
  const timeline = new HomeTimeline(caches.feeds, store, celebrityTimelines, metrics, settings.cacheSize);
  const ranking = new PopularRanking(caches.popularity, store, metrics, settings.popular.cacheSize);
  const handlers: EventHandler[] = [
    new FanOutPost({
      writer: store,
      celebrities: store,
      celebrityPosts: caches.celebrityPosts,
      events,
      clock,
      metrics,
      settings,
    }),
    new SyncFeedWithFollows(store, store, events, clock, settings),
    new RefreshFeedCaches(caches.feeds, caches.items, store, clock, metrics),
    new RankPopularPosts(store, caches.popularity, settings.popular.halfLifeHours),
  ];
  let handled = 0;
  const world = {
    social,
    store,
    caches,
    metrics,
    settings,
    handlers,
    getHomeFeed: new GetHomeFeed(
      new InMemoryFeedPageCache(caches.feeds, caches.celebrityPosts, caches.items),
      timeline,
      items,
      metrics,
    ),
    getPopularPosts: new GetPopularPosts(ranking, items, clock, settings.popular.windowHours),
    // UUIDv7 post ids on the world's clock, as in production (the cached likes rely on it).
    createPost: new CreatePost(
      uow,
      social.posts,
      events,
      { next: () => v7({ msecs: clock.now().getTime() }) },
      clock,
    ),
    followUser: new FollowUser(uow, social.users, social.follows, events, clock),
    unfollowUser: new UnfollowUser(uow, social.users, social.follows, events, clock),
    likePost: new LikePost(uow, social.posts, social.likes, events, clock),
    unlikePost: new UnlikePost(uow, social.posts, social.likes, events, clock),
    async users(count: number): Promise<User[]> {
      const users = Array.from({ length: count }, () => aUser());
      await uow.transaction(async () => {
        for (const user of users) await social.users.add(user);
      });
      return users;
    },
    /**
     * Hands every event committed so far (and those they cause) to its handlers, each
     * once; in commit order, or in any order `pick` chooses among those pending (a broker
     * with retries and several consumers promises no order); at most `most` of them.
     */
    async drain(pick?: (pending: number) => number, most = Infinity): Promise<number> {
      let count = 0;
      for (;;) {
        const pending = events.published.length - handled;
        if (pending === 0 || count >= most) return count;
        const index = handled + (pick ? pick(pending) : 0);
        const [next] = events.published.splice(index, 1);
        events.published.splice(handled++, 0, next!);
        const event = envelope(randomUUID(), next!);
        for (const handler of handlers.filter((h) => h.eventTypes.includes(event.type)))
          await uow.transaction(() => handler.handle(event));
        count++;
      }
    },
    /** The whole feed through the use case, `limit` at a time. */
    async feedOf(viewerId: string, limit = 7) {
      const all = [];
      let after = null;
      do {
        const page = await world.getHomeFeed.execute({ viewerId, page: { limit, after } });
        all.push(...page.items);
        after = page.next;
      } while (after);
      return all;
    },
    /** The feed computed naively from the write side: own and followed authors' posts, newest first. */
    naiveFeedOf(viewerId: string) {
      const followed = new Set(
        [...social.follows.follows.values()]
          .filter((f) => f.followerId === viewerId)
          .map((f) => f.followeeId),
      );
      return [...social.posts.posts.values()]
        .filter((p) => p.authorId === viewerId || followed.has(p.authorId))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((p) => ({
          id: p.id,
          likeCount: p.likeCount,
          likedByMe: social.likes.likes.has(`${viewerId}/${p.id}`),
        }));
    },
  };
  return world;
}

export type FeedWorld = ReturnType<typeof feedWorld>;
