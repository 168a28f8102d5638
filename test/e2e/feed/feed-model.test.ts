import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { flushPrefix } from '../../support/feed/redis-namespace.ts';
import {
  startFeedApp,
  summary,
  type FeedApp,
  type FeedMode,
  type Member,
} from '../../support/feed/feed-app.ts';

type Op =
  | { kind: 'post'; user: number }
  | { kind: 'follow' | 'unfollow'; user: number; other: number }
  | { kind: 'like' | 'unlike'; user: number; post: number }
  | { kind: 'read'; user: number }
  | { kind: 'flush' };

const USERS = 5;
const user = fc.integer({ min: 0, max: USERS - 1 });
const ops = fc.array(
  fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('post' as const), user }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('follow' as const), user, other: user }), weight: 3 },
    fc.record({ kind: fc.constant('unfollow' as const), user, other: user }),
    {
      arbitrary: fc.record({
        kind: fc.constantFrom('like' as const, 'unlike' as const),
        user,
        post: fc.nat(99),
      }),
      weight: 2,
    },
    fc.record({ kind: fc.constant('read' as const), user }),
    fc.record({ kind: fc.constant('flush' as const) }),
  ) as fc.Arbitrary<Op>,
  { minLength: 25, maxLength: 50 },
);

/**
 * Model-based: random sequences of posts, follows, unfollows and likes by several users
 * go through the real API and workers (reads in between warm the caches; in full mode
 * Redis is also emptied at random); once every queue has drained, each user's feed, read
 * page by page over HTTP, equals the feed computed naively from the write tables: the
 * same posts, in the same order, with the same like counts and liked_by_me.
 */
for (const mode of ['full', 'embedded'] as FeedMode[]) {
  describe(`the home feed against its naive model, ${mode} mode`, () => {
    let app: FeedApp;
    beforeAll(async () => {
      // A low celebrity threshold and small chunks and caches send every run through every path.
      app = await startFeedApp(mode, {
        FEED_CELEBRITY_FOLLOWERS: '3',
        FEED_FANOUT_CHUNK: '2',
        FEED_CACHE_SIZE: '20',
      });
    }, 90_000);
    afterAll(() => app?.stop());

    it('equals the naive feed for every user once the queues drain', async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(ops, async (sequence) => {
          runs++;
          const users: Member[] = await Promise.all(Array.from({ length: USERS }, () => app.member()));
          const posts: string[] = [];
          for (const op of sequence) await apply(app, users, posts, op);
          await app.drained();
          for (const who of users) {
            const feed = (await app.feed(who, 4)).map(summary);
            expect(feed).toEqual(await app.naiveFeed(who));
          }
        }),
        { numRuns: 4, endOnFailure: true },
      );
      expect(runs).toBe(4);
    }, 240_000);
  });
}

async function apply(app: FeedApp, users: Member[], posts: string[], op: Op): Promise<void> {
  const ok = (status: number) => expect([200, 201, 204]).toContain(status);
  if (op.kind === 'post') {
    const { status, body } = await app.call('POST', '/api/v1/posts', users[op.user], {
      text: `post ${posts.length}`,
    });
    ok(status);
    posts.push(body.id as string);
  } else if ((op.kind === 'follow' || op.kind === 'unfollow') && op.user !== op.other) {
    const method = op.kind === 'follow' ? 'PUT' : 'DELETE';
    ok((await app.call(method, `/api/v1/users/${users[op.other]!.user.id}/follow`, users[op.user])).status);
  } else if ((op.kind === 'like' || op.kind === 'unlike') && posts.length > 0) {
    const method = op.kind === 'like' ? 'PUT' : 'DELETE';
    ok(
      (await app.call(method, `/api/v1/posts/${posts[op.post % posts.length]}/like`, users[op.user])).status,
    );
  } else if (op.kind === 'read') {
    ok((await app.call('GET', '/api/v1/feed?limit=3', users[op.user])).status);
  } else if (op.kind === 'flush' && app.redisPrefix) {
    await flushPrefix(app.redisPrefix);
  }
}
