/**
 * npm run bench:feed — the home feed at size, on this machine's PostgreSQL, Redis and
 * RabbitMQ. Seeds a graph with COPY (bench/seed), boots api + worker in a child process
 * (bench/support/feed-bench-server.ts), then measures in one run:
 *
 * - `GET /api/v1/feed` with warm caches, with cold caches (every request a user whose feed
 *   is not cached: the read-model path), and a bare Koa route answering a JSON body of the
 *   same size through the same middleware (the ceiling of the stack), and the same behind
 *   requireUser (what authentication alone costs), all with autocannon;
 * - the naive fan-out-on-read query (JOIN follows/posts, ORDER BY time LIMIT 20) against
 *   the read model's query, straight over pg, for the same users;
 * - fan-out throughput (feed rows/s) for a burst of posts by well-followed authors, and
 *   feed lag (post committed → in a follower's feed) while posts arrive at 50/s.
 *
 * Bounded (watchdog), loopback only. Environment (defaults): BENCH_USERS (100000),
 * BENCH_POSTS (1000000), BENCH_AVG_FOLLOWS (20), BENCH_CELEBRITY_FOLLOWERS (10000),
 * BENCH_SECONDS (15) per HTTP/SQL scenario, BENCH_CONNECTIONS (64), BENCH_WARM_USERS (2000),
 * BENCH_COLD_USERS (10000, half at BENCH_CONNECTIONS, half at BENCH_COLD_CONNECTIONS = 8), BENCH_BURST_POSTS (400), BENCH_LAG_RATE (50), BENCH_LAG_SECONDS
 * (20), BENCH_REUSE=1 (keep and reuse the seeded database `rookery_bench_feed`),
 * DATABASE_ADMIN_URL, REDIS_URL, AMQP_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
import { burst, lagAtRate, type FanOutRun } from './feed/fan-out-phases.ts';
import { averageBody, load, type HttpRun } from './feed/http-load.ts';
import { seedFeedGraph, type SeededGraph } from './seed/feed-graph.ts';
import { comparison, machine, summarise, table, type Summary } from './support/stats.ts';

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
const reuse = process.env.BENCH_REUSE === '1';
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const ISSUER = 'http://bench.rookery.local';
const DATABASE = reuse ? 'rookery_bench_feed' : `rookery_bench_feed_${process.pid}`;
const SEED = `${o.users}/${o.posts}/${o.avgFollows}/${o.celebrityFollowers}`;

const budgetMs = (6 * o.seconds + o.lagSeconds + 1_800) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench:feed exceeded its ${budgetMs / 1000} s budget`);
  process.exit(3);
}, budgetMs);
watchdog.unref();

async function main(): Promise<void> {
  process.stderr.write(`bench:feed — ${JSON.stringify(o)} on ${await machine()}\n`);
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  const graph = await prepareDatabase(url.toString());
  const keysDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-bench-feed-'));
  const redisPrefix = `bench:feed:${randomUUID().slice(0, 8)}:`;
  const namespace = `bench-feed-${randomUUID().slice(0, 8)}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 16 });
  let server: ChildProcess | undefined;
  let consumers: string[] = [];
  try {
    const keys = await KeyRing.load(keysDir, { generateIfEmpty: true });
    const tokens = new JwtAccessTokens(
      keys,
      { issuer: ISSUER, audience: 'rookery', ttlSeconds: 7_200 },
      {
        now: () => new Date(),
      },
    );
    const started = await startServer(url.toString(), keysDir, redisPrefix, namespace);
    server = started.child;
    consumers = started.consumers;
    const base = started.url;
    const readers = await pickReaders(pool, o.warmUsers + o.coldUsers);
    const bearer = async (ids: string[]) =>
      Promise.all(ids.map(async (id) => `Bearer ${(await tokens.issue(id)).token}`));
    const warm = await bearer(readers.slice(0, o.warmUsers));
    const cold = await bearer(readers.slice(o.warmUsers));

    // Warm caches: every reader's feed read once before the clock starts.
    await load(base, { tokens: warm, path: '/api/v1/feed', connections: 16, amount: warm.length });
    const warmRun = await load(base, {
      tokens: warm,
      path: '/api/v1/feed',
      connections: o.connections,
      seconds: o.seconds,
    });
    const bytes = await averageBody(base, '/api/v1/feed', warm.slice(0, 50));
    const bareRun = await load(base, {
      tokens: warm,
      path: `/bench/bare?bytes=${bytes}`,
      connections: o.connections,
      seconds: o.seconds,
    });
    const authRun = await load(base, {
      tokens: warm,
      path: `/bench/authenticated?bytes=${bytes}`,
      connections: o.connections,
      seconds: o.seconds,
    });
    // Cold: the caches emptied, each request a reader not read before (a miss, then a fill);
    // at the warm run's concurrency, and at a low one where latency is the path's own cost.
    await flushPrefix(redisPrefix);
    const half = Math.floor(cold.length / 2);
    const coldRun = await load(base, {
      tokens: cold.slice(0, half),
      path: '/api/v1/feed',
      connections: o.connections,
      amount: half,
    });
    const coldLowRun = await load(base, {
      tokens: cold.slice(half),
      path: '/api/v1/feed',
      connections: o.coldConnections,
      amount: cold.length - half,
    });
    const sql = await sqlBaselines(pool, readers.slice(0, o.warmUsers));
    const burstRun = await burst(base, pool, graph, tokens, o.burstPosts, o.celebrityFollowers);
    const lagRun = await lagAtRate(base, pool, graph, tokens, o.lagRate, o.lagSeconds, o.celebrityFollowers);
    report(graph, { warmRun, bareRun, authRun, coldRun, coldLowRun, bytes }, sql, burstRun, lagRun);
  } finally {
    // Stopped before cleaning up, so that no consumer writes to Redis or declares a queue afterwards.
    if (server) await stopServer(server);
    await pool.end();
    await deleteRabbitNamespace(amqpUrl, namespace, consumers, [1_000, 5_000]).catch(() => {});
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

function report(
  graph: SeededGraph,
  http: {
    warmRun: HttpRun;
    bareRun: HttpRun;
    authRun: HttpRun;
    coldRun: HttpRun;
    coldLowRun: HttpRun;
    bytes: number;
  },
  sql: Summary[],
  burstRun: FanOutRun,
  lagRun: FanOutRun,
): void {
  const warm = summarise(
    `GET /api/v1/feed, warm caches (${o.connections} conns)`,
    http.warmRun.latencies,
    http.warmRun.seconds,
  );
  const bare = summarise(
    `bare Koa route, same ${http.bytes}-byte body (${o.connections} conns)`,
    http.bareRun.latencies,
    http.bareRun.seconds,
  );
  const auth = summarise(
    `requireUser + same body, no feed work (${o.connections} conns)`,
    http.authRun.latencies,
    http.authRun.seconds,
  );
  const coldLow = summarise(
    `GET /api/v1/feed, cold caches (${o.coldConnections} conns, each user once)`,
    http.coldLowRun.latencies,
    http.coldLowRun.seconds,
  );
  const cold = summarise(
    `GET /api/v1/feed, cold caches (${o.connections} conns, each user once)`,
    http.coldRun.latencies,
    http.coldRun.seconds,
  );
  const top = graph.celebrities
    .slice(0, 5)
    .map((c) => c.followers)
    .join(', ');
  const out = [
    `Graph: ${o.users} users, ${graph.follows} follows, ${o.posts} posts, ${graph.feedRows} user_feed rows; ` +
      `${graph.celebrities.length} celebrities ≥ ${o.celebrityFollowers} followers (top: ${top}); seeded in ${graph.seconds.toFixed(0)} s.`,
    '',
    table([warm, cold, coldLow, bare, auth], 'req/s'),
    '',
    `- ${comparison(warm, bare)}`,
    `- ${comparison(warm, auth)}`,
    `- non-2xx: warm ${http.warmRun.errors}, cold ${http.coldRun.errors + http.coldLowRun.errors}, bare ${http.bareRun.errors}, auth ${http.authRun.errors}`,
    `- targets: warm p99 ≤ 25 ms → ${warm.p99.toFixed(1)} ms ${warm.p99 <= 25 ? 'met' : 'MISSED'}; ` +
      `warm ≥ 40% of bare → ${((warm.throughput / bare.throughput) * 100).toFixed(0)}% ${warm.throughput >= 0.4 * bare.throughput ? 'met' : 'MISSED'}; ` +
      `cold p99 ≤ 60 ms → ${coldLow.p99.toFixed(1)} ms at ${o.coldConnections} conns ${coldLow.p99 <= 60 ? 'met' : 'MISSED'}, ${cold.p99.toFixed(1)} ms at ${o.connections} ${cold.p99 <= 60 ? 'met' : 'MISSED'}`,
    '',
    table(sql, 'queries/s'),
    '',
    table([burstRun.summary, lagRun.summary], 'posts/s'),
    '',
    `- fan-out burst: ${burstRun.rows} feed rows in ${burstRun.seconds.toFixed(1)} s = ${(burstRun.rows / burstRun.seconds).toFixed(0)} rows/s`,
    `- at ${o.lagRate} posts/s: ${lagRun.rows} feed rows in ${lagRun.seconds.toFixed(1)} s = ${(lagRun.rows / lagRun.seconds).toFixed(0)} rows/s; ` +
      `lag (commit → in a follower's user_feed) p95 ${lagRun.summary.p95.toFixed(0)} ms → target ≤ 1000 ms ${lagRun.summary.p95 <= 1000 ? 'met' : 'MISSED'}`,
    `- feed_lag_seconds (commit → cached feeds updated), from /metrics: ${lagRun.cacheLag}`,
  ];
  process.stdout.write(`\n${out.join('\n')}\n`);
}

async function startServer(databaseUrl: string, keysDir: string, redisPrefix: string, namespace: string) {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'support/feed-bench-server.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '20',
      MIGRATE_ON_START: 'false',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: redisPrefix,
      AMQP_URL: amqpUrl,
      AMQP_NAMESPACE: namespace,
      EVENT_RETRY_DELAYS_MS: '1000,5000',
      OUTBOX_POLL_INTERVAL_MS: '200',
      JWT_KEYS_DIR: keysDir,
      JWT_ISSUER: ISSUER,
      PORT: '0',
      LOG_LEVEL: 'warn',
      S3_ENDPOINT: '',
      SMTP_URL: '',
      DATA_DIR: keysDir,
      FEED_CELEBRITY_FOLLOWERS: String(o.celebrityFollowers),
      // One address and a few thousand users at full speed: lift the API's limits (0 = none).
      API_RATE_LIMITS: 'api.per_ip=0,api.per_user=0,writes.per_user=0,feed.per_ip=0,feed.per_user=0',
      AUTH_RATE_LIMIT_POINTS: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url, consumers] = await new Promise<[string, string[]]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /BENCH_READY (\S+) (\S+)/.exec(chunk.toString('utf8'));
      if (match) {
        clearTimeout(timer);
        resolve([match[1]!, match[2]!.split(',')]);
      }
    });
  });
  return { child, url, consumers };
}

/** SIGTERM, then up to 30 s for a graceful stop (SIGKILL after that). */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
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
