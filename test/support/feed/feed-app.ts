import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AccessTokenIssuer } from '#application/identity/access-token-issuer.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import type { User } from '#domain/users/user.entity.ts';
import { aUser } from '../builders/user.builder.ts';
import { createTestDatabase } from '../postgres.ts';
import { deleteRabbitNamespace } from '../rabbitmq-cleanup.ts';
import { services } from '../services.ts';
import { testConfig } from '../test-config.ts';
import { flushPrefix } from './redis-namespace.ts';

export type FeedMode = 'embedded' | 'full';
export type Json = Record<string, unknown>;

export interface Member {
  user: User;
  auth: Record<string, string>;
}

export interface FeedApp {
  rookery: RunningRookery;
  mode: FeedMode;
  /** The Redis key prefix of this app (full mode). */
  redisPrefix: string | null;
  member(): Promise<Member>;
  call(
    method: string,
    route: string,
    who?: Member,
    body?: unknown,
  ): Promise<{ status: number; body: Json; headers: Headers }>;
  /** Every page of a member's feed, `limit` at a time. */
  feed(who: Member, limit?: number): Promise<Json[]>;
  /** The feed computed from the write tables: own and followed authors' posts, newest first. */
  naiveFeed(who: Member): Promise<{ id: string; like_count: number; liked_by_me: boolean }[]>;
  /** Waits until no event is pending anywhere (outbox, queues, handlers in flight). */
  drained(timeoutMs?: number): Promise<void>;
  sql<T = Json>(query: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * Rookery booted as api + worker in this process, on the embedded defaults or on the
 * real PostgreSQL, RabbitMQ and Redis of this machine (a database, an AMQP namespace and
 * a Redis key prefix of its own), for the feed's end-to-end tests.
 */
export async function startFeedApp(mode: FeedMode, env: Record<string, string> = {}): Promise<FeedApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-feed-'));
  const db = mode === 'full' ? await createTestDatabase() : null;
  const redisPrefix = mode === 'full' ? `test:feed-e2e:${randomUUID().slice(0, 8)}:` : null;
  const full = db
    ? {
        DATABASE_URL: db.url,
        AMQP_URL: services.amqpUrl,
        AMQP_NAMESPACE: `feed-${randomUUID().slice(0, 8)}`,
        REDIS_URL: services.redisUrl,
        REDIS_KEY_PREFIX: redisPrefix!,
      }
    : {};
  const rookery = await startRookery(['api', 'worker'], {
    config: testConfig({
      DATA_DIR: dataDir,
      MIGRATE_ON_START: 'true',
      BUS_POLL_INTERVAL_MS: '50',
      OUTBOX_POLL_INTERVAL_MS: '100',
      EVENT_RETRY_DELAYS_MS: '200,500',
      FEED_BACKFILL_POSTS: '1000',
      ...full,
      ...env,
      // Reads page through feeds a few items at a time; later entries win.
      API_RATE_LIMITS: ['feed.per_user=100000,feed.per_ip=100000', env.API_RATE_LIMITS]
        .filter(Boolean)
        .join(','),
    }),
  });
  const sql = <T>(query: string, params: unknown[] = []) =>
    rookery.infra.orm.em.fork().execute<T[]>(query, params);
  const call: FeedApp['call'] = async (method, route, who, body) => {
    const response = await fetch(`${rookery.url}${route}`, {
      method,
      headers: {
        ...(who?.auth ?? {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Json) : {},
      headers: response.headers,
    };
  };
  const app: FeedApp = {
    rookery,
    mode,
    redisPrefix,
    sql,
    call,
    async member() {
      const user = aUser();
      await rookery.container
        .get<UnitOfWork>(UnitOfWork)
        .transaction(() => rookery.container.get<UserRepository>(UserRepository).add(user));
      const { token } = await rookery.container.get<AccessTokenIssuer>(AccessTokenIssuer).issue(user.id);
      return { user, auth: { Authorization: `Bearer ${token}` } };
    },
    async feed(who, limit = 5) {
      const items: Json[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const { status, body } = await call('GET', `/api/v1/feed?limit=${limit}${query}`, who);
        if (status !== 200) throw new Error(`GET /feed answered ${status}: ${JSON.stringify(body)}`);
        items.push(...(body.items as Json[]));
        cursor = body.next_cursor as string | null;
      } while (cursor);
      return items;
    },
    async naiveFeed(who) {
      const rows = await sql<{ id: string; like_count: number | string; liked_by_me: boolean }>(
        `select p.id, p.like_count, exists (select 1 from likes l where l.user_id = ? and l.post_id = p.id) as liked_by_me
           from posts p
          where p.author_id = ? or p.author_id in (select followee_id from follows where follower_id = ?)
          order by p.created_at desc, p.id desc`,
        [who.user.id, who.user.id, who.user.id],
      );
      return rows.map((r) => ({ id: r.id, like_count: Number(r.like_count), liked_by_me: r.liked_by_me }));
    },
    async drained(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      let last = -1;
      while (quiet < 3) {
        if (Date.now() > deadline) throw new Error('events did not drain in time');
        await new Promise((r) => setTimeout(r, 150));
        const [outbox] = await sql<{ n: string | number }>(
          'select count(*) as n from outbox where published_at is null',
        );
        const [handled] = await sql<{ n: string | number }>('select count(*) as n from processed_events');
        const backlog = Object.values(await rookery.events!.consumers.backlog()).reduce((a, b) => a + b, 0);
        const idle = Number(outbox!.n) === 0 && backlog === 0 && Number(handled!.n) === last;
        quiet = idle ? quiet + 1 : 0;
        last = Number(handled!.n);
      }
      const letters = rookery.container.get<DeadLetterStore>(DeadLetterStore);
      for (const consumer of letters.consumers)
        if ((await letters.count(consumer)) > 0) throw new Error(`dead letters for ${consumer}`);
    },
    async stop() {
      const consumers = rookery.container.get<DeadLetterStore>(DeadLetterStore).consumers;
      await rookery.stop();
      const amqp = rookery.config.amqp;
      if (amqp)
        await deleteRabbitNamespace(amqp.url, amqp.namespace, consumers, rookery.config.events.retryDelaysMs);
      if (redisPrefix) await flushPrefix(redisPrefix);
      await db?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}

/** What a feed item says, for comparing with the naive feed. */
export const summary = (item: Json) => ({
  id: (item.post as Json).id as string,
  like_count: item.like_count as number,
  liked_by_me: item.liked_by_me as boolean,
});
