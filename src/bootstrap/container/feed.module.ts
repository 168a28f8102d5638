import { ContainerModule } from 'inversify';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Registry } from 'prom-client';
import { FeedPresenter } from '#adapters/http/feed/feed.presenter.ts';
import { feedRouter } from '#adapters/http/feed/feed.router.ts';
import type { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import { InMemoryCelebrityPostsCache } from '#adapters/in-memory/in-memory-celebrity-posts-cache.ts';
import { InMemoryFeedCache } from '#adapters/in-memory/in-memory-feed-cache.ts';
import { InMemoryFeedItemCache } from '#adapters/in-memory/in-memory-feed-item-cache.ts';
import { InMemoryFeedPageCache } from '#adapters/in-memory/in-memory-feed-page-cache.ts';
import { InMemoryPopularityCache } from '#adapters/in-memory/in-memory-popularity-cache.ts';
import { PostgresCelebrities } from '#adapters/postgres/feed/postgres-celebrities.ts';
import { PostgresFeedItemSource } from '#adapters/postgres/feed/postgres-feed-item-source.ts';
import { PostgresFeedReadModel } from '#adapters/postgres/feed/postgres-feed-read-model.ts';
import { PostgresFeedWriter } from '#adapters/postgres/feed/postgres-feed-writer.ts';
import { PostgresPopularityStore } from '#adapters/postgres/feed/postgres-popularity-store.ts';
import { redisFeedCaches } from '#adapters/redis/feed/redis-feed-caches.ts';
import { RedisCircuit } from '#adapters/redis/redis-circuit.ts';
import { PrometheusFeedMetrics } from '#adapters/telemetry/prometheus-feed-metrics.ts';
import { Celebrities } from '#application/feed/celebrities.ts';
import { CelebrityTimelines } from '#application/feed/celebrity-timelines.ts';
import { FanOutPost } from '#application/feed/fan-out-post.consumer.ts';
import { CelebrityPostsCache, FeedCache } from '#application/feed/feed-cache.ts';
import { FeedItemCache } from '#application/feed/feed-item-cache.ts';
import { FeedItemSource } from '#application/feed/feed-item-source.ts';
import { FeedItems } from '#application/feed/feed-items.ts';
import { FeedMetrics } from '#application/feed/feed-metrics.ts';
import { FeedPageCache } from '#application/feed/feed-page-cache.ts';
import { FeedReadModel } from '#application/feed/feed-read-model.ts';
import { FeedSettings } from '#application/feed/feed-settings.ts';
import { FeedWriter } from '#application/feed/feed-writer.ts';
import { GetHomeFeed } from '#application/feed/get-home-feed.use-case.ts';
import { GetPopularPosts } from '#application/feed/get-popular-posts.use-case.ts';
import { HomeTimeline } from '#application/feed/home-timeline.ts';
import { PopularRanking } from '#application/feed/popular-ranking.ts';
import { PopularityCache } from '#application/feed/popularity-cache.ts';
import { PopularityStore } from '#application/feed/popularity-store.ts';
import { RankPopularPosts } from '#application/feed/rank-popular-posts.consumer.ts';
import { RefreshFeedCaches } from '#application/feed/refresh-feed-caches.consumer.ts';
import { SyncFeedWithFollows } from '#application/feed/sync-feed-with-follows.consumer.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { Clock } from '#application/shared/clock.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { CelebrityPolicy } from '#domain/feed/celebrity-policy.ts';
import type { Config } from '../config/config.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { bindUseCase } from './bind-use-case.ts';
import { Tokens } from './tokens.ts';

type Bind = Parameters<ConstructorParameters<typeof ContainerModule>[0]>[0]['bind'];

/**
 * The home feed and trending posts: read models in PostgreSQL, caches in Redis (in
 * process memory without REDIS_URL), the four feed workers and the two routes.
 */
export const feedModule = (infra: Infrastructure) =>
  new ContainerModule(({ bind }) => {
    const { feed } = infra.config;
    const settings: FeedSettings = {
      cacheSize: feed.cacheSize,
      backfillPosts: feed.backfillPosts,
      fanOutChunk: feed.fanOutChunk,
      celebrities: new CelebrityPolicy(feed.celebrityFollowers),
      popular: feed.popular,
    };
    bind<FeedSettings>(FeedSettings).toConstantValue(settings);
    bind<FeedMetrics>(FeedMetrics).toResolvedValue(
      (r: Registry) => new PrometheusFeedMetrics(r),
      [Tokens.Metrics],
    );
    const EM = [Tokens.EntityManager] as [symbol];
    bind<FeedReadModel>(FeedReadModel).toResolvedValue(
      (em: SqlEntityManager) => new PostgresFeedReadModel(em),
      EM,
    );
    bind<FeedWriter>(FeedWriter).toResolvedValue((em: SqlEntityManager) => new PostgresFeedWriter(em), EM);
    bind<Celebrities>(Celebrities).toResolvedValue((em: SqlEntityManager) => new PostgresCelebrities(em), EM);
    bind<FeedItemSource>(FeedItemSource).toResolvedValue(
      (em: SqlEntityManager) => new PostgresFeedItemSource(em),
      EM,
    );
    bind<PopularityStore>(PopularityStore).toResolvedValue(
      (em: SqlEntityManager) => new PostgresPopularityStore(em),
      EM,
    );
    bindCaches(bind, infra);
    bindReads(bind, settings);
    bindWorkers(bind, settings);
    bindRouter(bind, infra.config);
  });

function bindCaches(bind: Bind, infra: Infrastructure): void {
  const { feed } = infra.config;
  const timelines = { size: feed.cacheSize, ttlSeconds: feed.cacheTtlSeconds };
  const ttls = {
    postSeconds: feed.postTtlSeconds,
    authorSeconds: feed.authorTtlSeconds,
    likeCountSeconds: feed.likeCountTtlSeconds,
  };
  const { redis, config } = infra;
  if (redis && config.redis) {
    // A call may be a few commands (a script, then a pipeline): twice one command's bound.
    const circuit = new RedisCircuit(
      { timeoutMs: 2 * config.redis.commandTimeoutMs, resetMs: 2_000 },
      infra.logger,
    );
    const caches = redisFeedCaches(redis, circuit, {
      timelines,
      items: ttls,
      popularSize: feed.popular.cacheSize,
    });
    bind<FeedCache>(FeedCache).toConstantValue(caches.feeds);
    bind<CelebrityPostsCache>(CelebrityPostsCache).toConstantValue(caches.celebrityPosts);
    bind<FeedItemCache>(FeedItemCache).toConstantValue(caches.items);
    bind<FeedPageCache>(FeedPageCache).toConstantValue(caches.pages);
    bind<PopularityCache>(PopularityCache).toConstantValue(caches.popularity);
    return;
  }
  const feeds = new InMemoryFeedCache(timelines);
  const celebrityPosts = new InMemoryCelebrityPostsCache(timelines);
  const items = new InMemoryFeedItemCache(ttls);
  bind<FeedCache>(FeedCache).toConstantValue(feeds);
  bind<CelebrityPostsCache>(CelebrityPostsCache).toConstantValue(celebrityPosts);
  bind<FeedItemCache>(FeedItemCache).toConstantValue(items);
  bind<FeedPageCache>(FeedPageCache).toConstantValue(new InMemoryFeedPageCache(feeds, celebrityPosts, items));
  bind<PopularityCache>(PopularityCache).toConstantValue(new InMemoryPopularityCache(feed.popular.cacheSize));
}

function bindReads(bind: Bind, s: FeedSettings): void {
  bind(CelebrityTimelines).toResolvedValue(
    (c: CelebrityPostsCache, r: FeedReadModel, m: FeedMetrics) =>
      new CelebrityTimelines(c, r, m, s.cacheSize),
    [CelebrityPostsCache, FeedReadModel, FeedMetrics],
  );
  bind(HomeTimeline).toResolvedValue(
    (c: FeedCache, r: FeedReadModel, t: CelebrityTimelines, m: FeedMetrics) =>
      new HomeTimeline(c, r, t, m, s.cacheSize),
    [FeedCache, FeedReadModel, CelebrityTimelines, FeedMetrics],
  );
  bind(FeedItems).toResolvedValue(
    (c: FeedItemCache, src: FeedItemSource, m: FeedMetrics, clock: Clock) => new FeedItems(c, src, m, clock),
    [FeedItemCache, FeedItemSource, FeedMetrics, Clock],
  );
  bind(PopularRanking).toResolvedValue(
    (c: PopularityCache, st: PopularityStore, m: FeedMetrics) =>
      new PopularRanking(c, st, m, s.popular.cacheSize),
    [PopularityCache, PopularityStore, FeedMetrics],
  );
  bindUseCase(
    bind,
    GetHomeFeed,
    (p: FeedPageCache, t: HomeTimeline, i: FeedItems, m: FeedMetrics) => new GetHomeFeed(p, t, i, m),
    [FeedPageCache, HomeTimeline, FeedItems, FeedMetrics],
  );
  bindUseCase(
    bind,
    GetPopularPosts,
    (r: PopularRanking, i: FeedItems, c: Clock) => new GetPopularPosts(r, i, c, s.popular.windowHours),
    [PopularRanking, FeedItems, Clock],
  );
}

function bindWorkers(bind: Bind, settings: FeedSettings): void {
  bind<EventHandler>(EventHandlers).toResolvedValue(
    (
      writer: FeedWriter,
      celebrities: Celebrities,
      celebrityPosts: CelebrityPostsCache,
      events: EventPublisher,
      clock: Clock,
      metrics: FeedMetrics,
    ) => new FanOutPost({ writer, celebrities, celebrityPosts, events, clock, metrics, settings }),
    [FeedWriter, Celebrities, CelebrityPostsCache, EventPublisher, Clock, FeedMetrics],
  );
  bind<EventHandler>(EventHandlers).toResolvedValue(
    (w: FeedWriter, c: Celebrities, e: EventPublisher, clock: Clock) =>
      new SyncFeedWithFollows(w, c, e, clock, settings),
    [FeedWriter, Celebrities, EventPublisher, Clock],
  );
  bind<EventHandler>(EventHandlers).toResolvedValue(
    (f: FeedCache, i: FeedItemCache, r: FeedReadModel, c: Clock, m: FeedMetrics) =>
      new RefreshFeedCaches(f, i, r, c, m),
    [FeedCache, FeedItemCache, FeedReadModel, Clock, FeedMetrics],
  );
  bind<EventHandler>(EventHandlers).toResolvedValue(
    (st: PopularityStore, c: PopularityCache) => new RankPopularPosts(st, c, settings.popular.halfLifeHours),
    [PopularityStore, PopularityCache],
  );
}

function bindRouter(bind: Bind, config: Config): void {
  bind<Router>(Tokens.ApiRouters).toResolvedValue(
    (getHomeFeed: GetHomeFeed, getPopularPosts: GetPopularPosts, requireUser: Middleware, docs: ApiDocs) =>
      feedRouter({
        getHomeFeed,
        getPopularPosts,
        requireUser,
        presenter: new FeedPresenter(config.http.publicUrl),
        docs,
      }),
    [GetHomeFeed, GetPopularPosts, Tokens.RequireUser, Tokens.ApiDocs],
  );
}
