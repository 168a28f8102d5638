import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startFeedApp, summary, type FeedApp, type Member } from '../../support/feed/feed-app.ts';
import { services } from '../../support/services.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';

/**
 * Redis is a cache: losing it must cost the home feed its speed, not its answers. The
 * app reaches the shared Redis through a proxy the test cuts (the Redis itself stays up
 * for everyone else); reads must keep answering 200 from PostgreSQL within a bound,
 * writes keep working, and once Redis is back the cache fills again by itself.
 */
const outages = [
  ['refuses connections', (proxy: TcpProxy) => proxy.cut()],
  ['hangs (answers nothing)', (proxy: TcpProxy) => proxy.stall()],
] as const;

describe.each(outages)('the home feed while Redis %s', (_name, outage) => {
  let proxy: TcpProxy;
  let app: FeedApp;
  let alice: Member, bob: Member;

  beforeAll(async () => {
    proxy = await TcpProxy.start(services.redisUrl);
    app = await startFeedApp('full', {
      REDIS_URL: proxy.url(services.redisUrl),
      // The cache consumer's events wait out the outage instead of dead-lettering.
      EVENT_RETRY_DELAYS_MS: '500,1000,2000,4000,8000',
    });
    [alice, bob] = (await Promise.all([app.member(), app.member()])) as [Member, Member];
  }, 90_000);
  afterAll(async () => {
    proxy?.restore();
    await app?.stop();
    await proxy?.close();
  });

  const post = async (who: Member, text: string) => {
    const { status, body } = await app.call('POST', '/api/v1/posts', who, { text });
    expect(status).toBe(201);
    return body.id as string;
  };
  const timedFeed = async (who: Member) => {
    const started = Date.now();
    const { status, body } = await app.call('GET', '/api/v1/feed?limit=50', who);
    return { status, body, ms: Date.now() - started };
  };

  it('answers reads from PostgreSQL, takes writes, and refills the cache when Redis returns', async () => {
    expect((await app.call('PUT', `/api/v1/users/${bob.user.id}/follow`, alice)).status).toBe(204);
    for (let i = 0; i < 3; i++) await post(bob, `before ${i}`);
    await app.drained();
    expect((await timedFeed(alice)).status).toBe(200);
    const redis = app.rookery.infra.redis!;
    expect(await redis.exists(`feed:hm:${alice.user.id}`)).toBe(1);

    const stderr = jest.spyOn(console, 'error');
    outage(proxy);
    const during: number[] = [];
    for (let i = 0; i < 10; i++) {
      const read = await timedFeed(alice);
      expect(read.status).toBe(200);
      expect((read.body.items as unknown[]).length).toBe(3);
      during.push(read.ms);
    }
    // Until failures outnumber the recent successes and the circuit opens, a read pays the
    // command timeout once per cache call (a hanging Redis; a refusing one fails at once);
    // then only the rate limiter's own Redis attempts remain.
    expect(Math.max(...during)).toBeLessThan(2_500);
    expect(Math.max(...during.slice(-5))).toBeLessThan(1_000);
    const written = await post(bob, 'during the outage');
    const read = await timedFeed(alice);
    expect(read.status).toBe(200);

    proxy.restore();
    const restored = Date.now();
    // A delivery the cache missed comes back on its next retry (delays of 0.5 to 8 s here),
    // so the cached feed is right again once that retry ran; poll until it is.
    const expected = await app.naiveFeed(alice);
    expect(expected.map((i) => i.id)).toContain(written);
    // The cached feed (a sorted set of `<post id>:<author id>`) holds the missed post again.
    const cachedIds = async () =>
      (await redis.zrange(`feed:h:${alice.user.id}`, '0', '-1').catch(() => [] as string[])).map((m) =>
        m.slice(0, 36),
      );
    while (!(await cachedIds()).includes(written)) {
      if (Date.now() - restored > 20_000) throw new Error('the cache was not repaired within 20 s');
      expect((await timedFeed(alice)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
    }
    await app.drained();
    expect((await app.feed(alice, 2)).map(summary)).toEqual(expected);
    // The outage went to the JSON log, not to stderr as ioredis's "Unhandled error event".
    expect(stderr.mock.calls.flat().join(' ')).not.toMatch(/Unhandled error event/);
    stderr.mockRestore();
  }, 90_000);
});
