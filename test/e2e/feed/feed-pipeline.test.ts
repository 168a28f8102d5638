import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { flushPrefix } from '../../support/feed/redis-namespace.ts';
import { advertisedQuota } from '../../support/rate-limit-headers.ts';
import {
  startFeedApp,
  summary,
  type FeedApp,
  type FeedMode,
  type Json,
  type Member,
} from '../../support/feed/feed-app.ts';

/**
 * The whole CQRS pipeline of the feed with real services: HTTP command → PostgreSQL and
 * outbox → RabbitMQ (or the embedded bus) → feed workers → user_feed and Redis (or
 * memory) → GET /api/v1/feed, for an ordinary author and a celebrity, with follows and
 * unfollows in between; once more with Redis emptied midway; and in embedded mode.
 */
const scenarios: [string, FeedMode, boolean][] = [
  ['embedded (PGlite, embedded bus, in-memory caches)', 'embedded', false],
  ['full (PostgreSQL, RabbitMQ, Redis)', 'full', false],
  ['full, with Redis flushed midway', 'full', true],
];

for (const [name, mode, flushes] of scenarios) {
  describe(`the feed pipeline, ${name}`, () => {
    let app: FeedApp;
    let alice: Member, bob: Member, star: Member, carol: Member, dave: Member;
    const posted: Record<string, string[]> = {};

    const post = async (who: Member, text: string) => {
      const { status, body } = await app.call('POST', '/api/v1/posts', who, { text });
      expect(status).toBe(201);
      (posted[who.user.id] ??= []).push(body.id as string);
      return body.id as string;
    };
    const follow = async (who: Member, whom: Member, on = true) =>
      expect(
        (await app.call(on ? 'PUT' : 'DELETE', `/api/v1/users/${whom.user.id}/follow`, who)).status,
      ).toBe(204);
    const like = async (who: Member, postId: string) =>
      expect((await app.call('PUT', `/api/v1/posts/${postId}/like`, who)).status).toBe(204);
    const flushRedis = async () => {
      if (flushes) expect(await flushPrefix(app.redisPrefix!)).toBeGreaterThan(0);
    };
    /** After the queues drain, the member's feed (over HTTP, in pages) equals the naive one. */
    const expectNaiveFeed = async (who: Member, limit = 2) => {
      await app.drained();
      const feed = (await app.feed(who, limit)).map(summary);
      expect(feed).toEqual(await app.naiveFeed(who));
      return feed.map((i) => i.id);
    };

    beforeAll(async () => {
      app = await startFeedApp(mode, {
        FEED_CELEBRITY_FOLLOWERS: '3',
        FEED_FANOUT_CHUNK: '2',
        API_RATE_LIMITS: 'popular.per_user=40',
      });
      [alice, bob, star, carol, dave] = (await Promise.all(
        Array.from({ length: 5 }, () => app.member()),
      )) as [Member, Member, Member, Member, Member];
    }, 90_000);
    afterAll(() => app?.stop());

    it('delivers ordinary and celebrity posts, and keeps feeds right across follows and unfollows', async () => {
      for (const fan of [alice, carol, dave]) await follow(fan, star);
      await follow(alice, bob);
      await follow(carol, bob);
      for (let i = 0; i < 3; i++) await post(bob, `bob ${i}`);
      for (let i = 0; i < 2; i++) await post(star, `star ${i}`);
      await post(alice, 'my own');
      const feed = await expectNaiveFeed(alice);
      expect(feed).toHaveLength(6);
      // The celebrity's posts were merged at read time, never written to followers' feeds.
      const [starRows] = await app.sql<{ n: string }>(
        'select count(*) as n from user_feed where author_id = ? and owner_id <> author_id',
        [star.user.id],
      );
      expect(Number(starRows!.n)).toBe(0);
      expect(await app.sql('select author_id from feed_celebrities')).toEqual([{ author_id: star.user.id }]);
      const [rows] = await app.sql<{ n: string }>('select count(*) as n from user_feed where owner_id = ?', [
        alice.user.id,
      ]);
      expect(Number(rows!.n)).toBe(4); // bob's three and her own
      if (mode === 'full') {
        const cached = await app.rookery.infra.redis!.exists(`feed:hm:${alice.user.id}`);
        expect(cached).toBe(1);
      }

      await flushRedis();
      await like(carol, posted[bob.user.id]![0]!);
      await like(alice, posted[star.user.id]![0]!);
      await like(dave, posted[star.user.id]![0]!);
      await expectNaiveFeed(alice);
      await expectNaiveFeed(carol);

      await follow(alice, bob, false);
      await post(bob, 'bob while unfollowed');
      expect(await expectNaiveFeed(alice)).toHaveLength(3);

      await flushRedis();
      await follow(alice, bob);
      expect(await expectNaiveFeed(alice)).toHaveLength(7);

      await follow(alice, star, false);
      await post(star, 'star while unfollowed');
      expect(await expectNaiveFeed(alice)).toHaveLength(5);
      await follow(alice, star);
      expect(await expectNaiveFeed(alice)).toHaveLength(8);

      for (const who of [alice, bob, star, carol, dave]) await expectNaiveFeed(who, 3);
    }, 120_000);

    it('pages with no duplicates or gaps while new posts arrive', async () => {
      await app.drained();
      const before = (await app.naiveFeed(alice)).map((p) => p.id);
      const first = await app.call('GET', '/api/v1/feed?limit=3', alice);
      for (let i = 0; i < 3; i++) await post(bob, `while paging ${i}`);
      await app.drained();
      const seen = (first.body.items as Json[]).map((i) => summary(i).id);
      let cursor = first.body.next_cursor as string | null;
      while (cursor) {
        const page = await app.call('GET', `/api/v1/feed?limit=3&cursor=${cursor}`, alice);
        seen.push(...(page.body.items as Json[]).map((i) => summary(i).id));
        cursor = page.body.next_cursor as string | null;
      }
      expect(seen).toEqual(before);
      expect((await app.call('GET', '/api/v1/feed?limit=3', alice)).body.items).toHaveLength(3);
    }, 60_000);

    it('shows items with the author, like count and whether the viewer likes them', async () => {
      const [item] = (await app.call('GET', '/api/v1/feed?limit=50', alice)).body.items as Json[];
      expect(Object.keys(item!).sort()).toEqual(['author', 'like_count', 'liked_by_me', 'post']);
      const starred = ((await app.call('GET', '/api/v1/feed?limit=50', alice)).body.items as Json[]).find(
        (i) => (i.post as Json).id === posted[star.user.id]![0],
      )!;
      expect(starred).toEqual({
        post: {
          id: posted[star.user.id]![0],
          text: 'star 0',
          author_id: star.user.id,
          created_at: expect.any(String),
        },
        author: {
          id: star.user.id,
          handle: star.user.handle,
          display_name: star.user.displayName,
          avatar_url: null,
        },
        like_count: 2,
        liked_by_me: true,
      });
    });

    it("shows an author's new name in feeds already cached, without waiting for the cache to expire", async () => {
      const starName = async () =>
        (
          ((await app.call('GET', '/api/v1/feed?limit=50', alice)).body.items as Json[]).find(
            (i) => (i.post as Json).author_id === star.user.id,
          )!.author as Json
        ).display_name;
      expect(await starName()).toBe(star.user.displayName); // cached now (TTL 60 s)
      expect((await app.call('PATCH', '/api/v1/me', star, { display_name: 'Star, renamed' })).status).toBe(
        200,
      );
      await app.drained();
      expect(await starName()).toBe('Star, renamed');
    });

    it('ranks liked posts in GET /posts/popular', async () => {
      const { status, body } = await app.call('GET', '/api/v1/posts/popular?limit=10', carol);
      expect(status).toBe(200);
      const ids = (body.items as Json[]).map((i) => summary(i).id);
      expect(ids).toEqual([posted[star.user.id]![0], posted[bob.user.id]![0]]);
      if (flushes) {
        await flushPrefix(app.redisPrefix!);
        const again = await app.call('GET', '/api/v1/posts/popular?limit=10', carol);
        expect((again.body.items as Json[]).map((i) => summary(i).id)).toEqual(ids);
      }
    });

    it('limits requests per user with 429, Retry-After and RateLimit headers', async () => {
      const eve = await app.member();
      let answer = await app.call('GET', '/api/v1/posts/popular', eve);
      expect(advertisedQuota(answer.headers, 'api-popular-user').quota).toBe(40);
      for (let i = 0; i < 40 && answer.status === 200; i++)
        answer = await app.call('GET', '/api/v1/posts/popular', eve);
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(advertisedQuota(answer.headers, 'api-popular-user').remaining).toBe(0);
      expect(answer.headers.get('ratelimit-remaining')).toBeNull();
      expect(answer.body.code).toBe('request.rate_limited');
      expect((await app.call('GET', '/api/v1/posts/popular', carol)).status).toBe(200);
    });

    it('reports cache lookups, read latency by source, fan-out and feed lag in /metrics', async () => {
      const text = await (await fetch(`${app.rookery.url}/metrics`)).text();
      expect(text).toMatch(/feed_cache_lookups_total\{[^}]*cache="feed"[^}]*result="hit"[^}]*\} [1-9]/);
      expect(text).toMatch(/feed_cache_lookups_total\{[^}]*cache="feed"[^}]*result="miss"[^}]*\} [1-9]/);
      expect(text).toMatch(/feed_read_duration_seconds_count\{[^}]*source="cache"[^}]*\} [1-9]/);
      expect(text).toMatch(/feed_read_duration_seconds_count\{[^}]*source="read_model"[^}]*\} [1-9]/);
      expect(text).toMatch(/feed_fanout_rows_total\{[^}]*\} [1-9]/);
      expect(text).toMatch(/feed_fanout_duration_seconds_count\{[^}]*\} [1-9]/);
      expect(text).toMatch(/feed_lag_seconds_count\{[^}]*\} [1-9]/);
    });
  });
}
