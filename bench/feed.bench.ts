/**
 * npm run bench:feed — the home feed at size, on this machine's PostgreSQL, Redis and
 * RabbitMQ. Seeds a graph with COPY (bench/seed), boots api + worker in a child process
 * (bench/feed/bench-server.ts: as `npm run api` starts it, OpenTelemetry loader included),
 * then measures in one run, each phase after the previous one's work drained and a VACUUM
 * (bench/feed/settle.ts):
 *
 * - `warm`: `GET /api/v1/feed` with warm caches; `bare`: a bare Koa route answering a JSON
 *   body of the same size through the same middleware (the ceiling of the stack); `auth`:
 *   the same behind requireUser (what authentication alone costs); `limited`: the warm feed
 *   on a second API replica with every rate limit counted (what the limits cost); `cold`:
 *   every request a user whose feed is not cached (the read-model path); all with autocannon
 *   and the API's rate limits lifted unless said;
 * - `sql`: the naive fan-out-on-read query (JOIN follows/posts, ORDER BY time LIMIT 20)
 *   against the read model's query, straight over pg, for the same users;
 * - `burst`: fan-out throughput (feed rows/s) for a burst of posts by well-followed authors;
 *   `lag`: feed lag (post committed → in a follower's feed) while posts arrive at 50/s.
 *
 * Bounded (watchdog), loopback only. Environment (defaults): BENCH_PHASES (all of the
 * above), BENCH_USERS (100000), BENCH_POSTS (1000000), BENCH_AVG_FOLLOWS (20),
 * BENCH_CELEBRITY_FOLLOWERS (10000), BENCH_SECONDS (15) per HTTP/SQL scenario,
 * BENCH_CONNECTIONS (64), BENCH_WARM_USERS (2000), BENCH_COLD_USERS (10000, half at
 * BENCH_CONNECTIONS, half at BENCH_COLD_CONNECTIONS = 8), BENCH_BURST_POSTS (400),
 * BENCH_LAG_RATE (50), BENCH_LAG_SECONDS (20), BENCH_REUSE=1 (keep and reuse the seeded
 * database `rookery_bench_feed`), BENCH_TELEMETRY=0 (no OpenTelemetry loader),
 * BENCH_SERVER_NODE_ARGS (node flags for the server, e.g. `--cpu-prof`),
 * DATABASE_ADMIN_URL, REDIS_URL, AMQP_URL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { KeyRing } from '#adapters/identity/key-ring.ts';
import { migrateDatabase, openDatabase } from '#adapters/postgres/database.ts';
import { FEED_PAGE_SQL } from '#adapters/postgres/feed/postgres-feed-read-model.ts';
import { deleteRabbitNamespace } from '../test/support/rabbitmq-cleanup.ts';
import { flushPrefix } from '../test/support/feed/redis-namespace.ts';
import { startServer, stopServer, type BenchServer } from './feed/bench-server.ts';
import { burst, lagAtRate } from './feed/fan-out-phases.ts';
import { averageBody, load } from './feed/http-load.ts';
import { report, type Results } from './feed/report.ts';
import { settle } from './feed/settle.ts';
import { seedFeedGraph, type SeededGraph } from './seed/feed-graph.ts';
import { machine, summarise, type Summary } from './support/stats.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const o = {
  users: env('BENCH_USERS', 100_000),
  posts: env('BENCH_POSTS', 1_000_000),
  avgFollows: env('BENCH_AVG_FOLLOWS', 20),
  celebrityFollowers: env('BENCH_CELEBRITY_FOLLOWERS', 10_000),
  seconds: env('BENCH_SECONDS', 15),
  connections: env('BENCH_CONNECTIONS', 64),
  warmUsers: env('BENCH_WARM_USERS', 2_000),
  coldUsers: env('BENCH_COLD_USERS', 10_000),
  coldConnections: env('BENCH_COLD_CONNECTIONS', 8),
  burstPosts: env('BENCH_BURST_POSTS', 400),
  lagRate: env('BENCH_LAG_RATE', 50),
  lagSeconds: env('BENCH_LAG_SECONDS', 20),
};
const PHASES = 'warm,bare,auth,limited,cold,sql,burst,lag';
const phases = new Set((process.env.BENCH_PHASES ?? PHASES).split(',').filter(Boolean));
const reuse = process.env.BENCH_REUSE === '1';
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const ISSUER = 'http://bench.rookery.local';
const DATABASE = reuse ? 'rookery_bench_feed' : `rookery_bench_feed_${process.pid}`;
const SEED = `${o.users}/${o.posts}/${o.avgFollows}/${o.celebrityFollowers}`;

const budgetMs = (7 * o.seconds + o.lagSeconds + 1_800) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench:feed exceeded its ${budgetMs / 1000} s budget`);
  process.exit(3);
}, budgetMs);
watchdog.unref();

async function main(): Promise<void> {
  process.stderr.write(
    `bench:feed — ${JSON.stringify(o)} phases ${[...phases].join(',')} on ${await machine()}\n`,
  );
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  const graph = await prepareDatabase(url.toString());
  const keysDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-bench-feed-'));
  const redisPrefix = `bench:feed:${randomUUID().slice(0, 8)}:`;
  const namespace = `bench-feed-${randomUUID().slice(0, 8)}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 16 });
  const serverOptions = {
    databaseUrl: url.toString(),
    keysDir,
    redisUrl,
    redisPrefix,
    amqpUrl,
    namespace,
    issuer: ISSUER,
    celebrityFollowers: o.celebrityFollowers,
  };
  let server: BenchServer | undefined;
  const results: Results = { graph, http: {}, sql: [], settled: [] };
  try {
    const keys = await KeyRing.load(keysDir, { generateIfEmpty: true });
    const tokens = new JwtAccessTokens(
      keys,
      { issuer: ISSUER, audience: 'rookery', ttlSeconds: 7_200 },
      { now: () => new Date() },
    );
    server = await startServer({ ...serverOptions, rateLimits: 'lifted' });
    const base = server.url;
    const readers = await pickReaders(pool, o.warmUsers + o.coldUsers);
    const bearer = async (ids: string[]) =>
      Promise.all(ids.map(async (id) => `Bearer ${(await tokens.issue(id)).token}`));
    const warm = await bearer(readers.slice(0, o.warmUsers));
    const cold = await bearer(readers.slice(o.warmUsers));
    const settled = async (before: string) => results.settled.push([before, await settle(base, pool)]);
    const timed = (path: string, connections = o.connections) => ({
      tokens: warm,
      path,
      connections,
      seconds: o.seconds,
    });

    await settled('warm');
    // Warm caches: every reader's feed read once before the clock starts.
    await load(base, { tokens: warm, path: '/api/v1/feed', connections: 16, amount: warm.length });
    if (phases.has('warm')) results.http.warm = await load(base, timed('/api/v1/feed'));
    const bytes = await averageBody(base, '/api/v1/feed', warm.slice(0, 50));
    results.bytes = bytes;
    if (phases.has('bare')) results.http.bare = await load(base, timed(`/bench/bare?bytes=${bytes}`));
    if (phases.has('auth'))
      results.http.auth = await load(base, timed(`/bench/authenticated?bytes=${bytes}`));
    if (phases.has('limited')) {
      // A second API replica on the same caches with every rate limit counted (never refusing).
      const limited = await startServer({ ...serverOptions, roles: 'api', rateLimits: 'counted' });
      try {
        results.http.limited = await load(limited.url, timed('/api/v1/feed'));
      } finally {
        await stopServer(limited.child);
      }
    }
    if (phases.has('cold')) {
      // Cold: the caches emptied, each request a reader not read before (a miss, then a fill);
      // at the warm run's concurrency, and at a low one where latency is the path's own cost.
      await flushPrefix(redisPrefix);
      const half = Math.floor(cold.length / 2);
      const once = (t: string[], connections: number) => ({
        tokens: t,
        path: '/api/v1/feed',
        connections,
        amount: t.length,
      });
      results.http.cold = await load(base, once(cold.slice(0, half), o.connections));
      results.http.coldLow = await load(base, once(cold.slice(half), o.coldConnections));
    }
    if (phases.has('sql')) results.sql = await sqlBaselines(pool, readers.slice(0, o.warmUsers));
    if (phases.has('burst')) {
      await settled('burst');
      results.burst = await burst(base, pool, graph, tokens, o.burstPosts, o.celebrityFollowers);
    }
    if (phases.has('lag')) {
      await settled('lag');
      results.lag = await lagAtRate(base, pool, graph, tokens, o.lagRate, o.lagSeconds, o.celebrityFollowers);
    }
    process.stdout.write(`\n${report(o, results).join('\n')}\n`);
  } finally {
    // Stopped before cleaning up, so that no consumer writes to Redis or declares a queue afterwards.
    if (server) await stopServer(server.child);
    await pool.end();
    await deleteRabbitNamespace(amqpUrl, namespace, server?.consumers ?? [], [1_000, 5_000]).catch(() => {});
    await flushPrefix(redisPrefix).catch(() => {});
    await rm(keysDir, { recursive: true, force: true });
    if (!reuse) await admin(`drop database if exists "${DATABASE}" with (force)`);
  }
}

/** Seeds a fresh database, or reuses the kept one when it holds the same graph. */
async function prepareDatabase(url: string): Promise<SeededGraph> {
  if (reuse) {
    const kept = await loadKept(url);
    if (kept) return kept;
    await admin(`drop database if exists "${DATABASE}" with (force)`);
  }
  await admin(`create database "${DATABASE}"`);
  const orm = await openDatabase({ kind: 'postgres', url, poolMax: 2, statementTimeoutMs: 3_600_000 });
  await migrateDatabase(orm);
  await orm.close();
  const graph = await seedFeedGraph(url, { ...o, days: 30, seed: 42, now: Date.now() });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('create table bench_seed (seed text primary key, seconds float8, follows bigint)');
  await client.query('insert into bench_seed values ($1, $2, $3)', [SEED, graph.seconds, graph.follows]);
  await client.end();
  return graph;
}

async function loadKept(url: string): Promise<SeededGraph | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const seed = await client.query<{ seconds: number; follows: string }>(
      'select * from bench_seed where seed = $1',
      [SEED],
    );
    if (seed.rows.length === 0) return null;
    const users = await client.query<{ id: string; followers_count: number }>(
      'select id, followers_count from users order by id',
    );
    const celebrities = await client.query<{ id: string; followers: number }>(
      'select u.id, u.followers_count as followers from feed_celebrities c join users u on u.id = c.author_id order by 2 desc',
    );
    const [{ n }] = (await client.query<{ n: string }>('select count(*) as n from user_feed')).rows as [
      { n: string },
    ];
    process.stderr.write(`  reusing ${DATABASE} (seeded in ${seed.rows[0]!.seconds.toFixed(0)} s)\n`);
    return {
      follows: Number(seed.rows[0]!.follows),
      feedRows: Number(n),
      celebrities: celebrities.rows,
      followers: Int32Array.from(users.rows.map((u) => u.followers_count)),
      userIds: users.rows.map((u) => u.id),
      seconds: seed.rows[0]!.seconds,
    };
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Readers who follow someone (their feeds have something to show), in random order. */
async function pickReaders(pool: pg.Pool, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    'select id from users where following_count > 0 order by md5(id::text) limit $1',
    [count],
  );
  return rows.map((r) => r.id);
}

/** The naive fan-out-on-read query vs the read model's page query, same users, over pg. */
async function sqlBaselines(pool: pg.Pool, users: string[]): Promise<Summary[]> {
  const naive = `select p.id, p.created_at, p.author_id from posts p
                   join follows f on f.followee_id = p.author_id
                  where f.follower_id = $1
                  order by p.created_at desc, p.id desc limit 20`;
  const readModel = FEED_PAGE_SQL.replace(
    /\?/g,
    (_, i: number) => `$${[...FEED_PAGE_SQL.slice(0, i)].filter((c) => c === '?').length + 1}`,
  );
  const run = async (label: string, query: (user: string) => [string, unknown[]]) => {
    const latencies: number[] = [];
    const deadline = performance.now() + o.seconds * 1000;
    let i = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (performance.now() < deadline) {
          const [text, params] = query(users[i++ % users.length]!);
          const started = performance.now();
          await pool.query(text, params);
          latencies.push(performance.now() - started);
        }
      }),
    );
    return summarise(label, latencies, o.seconds);
  };
  return [
    await run('naive fan-out-on-read SQL (JOIN follows/posts, LIMIT 20), pg, 16 conns', (u) => [naive, [u]]),
    await run('read-model page SQL (user_feed index-only), pg, 16 conns', (u) => [
      readModel,
      [u, new Date('9999-12-31T00:00:00Z'), 'ffffffff-ffff-ffff-ffff-ffffffffffff', 21],
    ]),
  ];
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

await main();
process.exit(0);
