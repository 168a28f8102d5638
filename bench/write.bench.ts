/**
 * npm run bench:write — sustained write throughput and latency of the social commands
 * over HTTP against the real PostgreSQL: `POST /api/v1/posts` and `PUT /api/v1/posts/{id}/like`
 * (each a distinct new like), with two baselines measured in the same run: an authenticated
 * route that does nothing (the HTTP + token + user lookup ceiling) and a raw INSERT into
 * `posts` over pg (the database floor, no HTTP, no transaction around it).
 *
 * The API runs in a child process (its own event loop; the relay is not running, as in an
 * api-only deployment). Every 201/204 is counted and checked against the rows in the
 * database at the end, so a fast but wrong run fails.
 *
 * Environment: BENCH_SECONDS (default 10) per scenario, BENCH_CONNECTIONS (default 32),
 * DATABASE_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { KeyRing } from '#adapters/identity/key-ring.ts';
import { migrateDatabase, openDatabase } from '#adapters/postgres/database.ts';
import { comparison, machine, summarise, table, type Summary } from './support/stats.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const USERS = 10_000;
const POSTS_TO_LIKE = 2_000;
const WARMUP_SECONDS = 2;
const ISSUER = 'http://bench.rookery.local';

// Bounded whatever happens: scenarios, warm-ups, seeding and teardown.
const budgetMs = (5 * (seconds + WARMUP_SECONDS) + 120) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench:write exceeded its ${budgetMs / 1000} s budget`);
  process.exit(3);
}, budgetMs);
watchdog.unref();

async function main(): Promise<void> {
  const name = `rookery_bench_write_${process.pid}`;
  await admin(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const keysDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-bench-keys-'));
  let server: ChildProcess | undefined;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  try {
    const orm = await openDatabase({
      kind: 'postgres',
      url: url.toString(),
      poolMax: 4,
      statementTimeoutMs: 60_000,
    });
    await migrateDatabase(orm);
    await orm.close();
    const { userIds, postIds } = await seed(pool);
    const keys = await KeyRing.load(keysDir, { generateIfEmpty: true });
    const issuer = new JwtAccessTokens(
      keys,
      { issuer: ISSUER, audience: 'rookery', ttlSeconds: 3_600 },
      { now: () => new Date() },
    );
    const bearer = await Promise.all(userIds.map(async (id) => `Bearer ${(await issuer.issue(id)).token}`));

    const started = await startServer(url.toString(), keysDir);
    server = started.child;
    const base = started.url;
    let n = 0;
    const next = () => n++;
    // A post of its own for the viral scenario, so no pair repeats one of the spread scenario.
    const hot = postIds.pop()!;
    const like = (user: number, post: string): Planned => ({
      key: `${userIds[user]}/${post}`,
      request: { method: 'PUT', path: `/api/v1/posts/${post}/like`, headers: auth(bearer[user]!) },
    });

    const scenarios: [string, () => Planned][] = [
      [
        'GET /bench/authenticated (baseline)',
        () => ({
          request: { method: 'GET', path: '/bench/authenticated', headers: auth(bearer[next() % USERS]!) },
        }),
      ],
      [
        'POST /api/v1/posts',
        () => {
          const i = next();
          const text = `bench post ${i} 🐦`;
          const request = {
            method: 'POST' as const,
            path: '/api/v1/posts',
            headers: auth(bearer[i % USERS]!, true),
          };
          return { key: text, request: { ...request, body: JSON.stringify({ text }) } };
        },
      ],
      [
        'PUT /api/v1/posts/{id}/like (spread over 2 000 posts)',
        () => {
          // Distinct (user, post) pairs, consecutive ones on different posts: every request is a new like.
          const i = next();
          return like(Math.floor(i / POSTS_TO_LIKE) % USERS, postIds[i % POSTS_TO_LIKE]!);
        },
      ],
      [
        'PUT /api/v1/posts/{id}/like (all on one post)',
        () => {
          // A post going viral: every like increments the same like_count row.
          const i = next();
          return like(i % USERS, hot);
        },
      ],
    ];
    const results: Summary[] = [];
    const acked = { posts: [] as string[], likes: [] as string[] };
    for (const [label, plan] of scenarios) {
      n = 0; // each scenario from its first pair: pairs never repeat within USERS × POSTS_TO_LIKE
      for (const [phase, duration] of [
        ['warm-up', WARMUP_SECONDS],
        ['measure', seconds],
      ] as const) {
        const run = await load(base, plan, duration);
        if (label.startsWith('POST')) acked.posts.push(...run.keys);
        if (label.startsWith('PUT')) acked.likes.push(...run.keys);
        if (run.failed > 0)
          throw new Error(`${label}: ${run.failed} requests failed (${JSON.stringify(run.statuses)})`);
        if (phase === 'measure') results.push(summarise(label, run.latencies, duration));
      }
    }
    results.push(await rawInserts(pool, userIds));

    const { posts: posted, likes: liked } = await verify(pool, acked);
    const [baseline, create, spread, viral, raw] = results as [Summary, Summary, Summary, Summary, Summary];
    console.log(
      `\nbench:write — ${await machine()}; ${connections} connections, ${seconds} s per scenario\n`,
    );
    console.log(table(results, 'req/s'));
    console.log(
      `\n- ${comparison(create, baseline)}\n- ${comparison(spread, baseline)}\n- ${comparison(viral, spread)}\n- ${comparison(create, raw)}`,
    );
    console.log(
      `- counted: ${posted} posts and ${liked} likes stored (every acknowledged one among them), each with exactly one outbox event and one counter increment`,
    );
  } finally {
    server?.kill('SIGTERM');
    await pool.end();
    await rm(keysDir, { recursive: true, force: true });
    await admin(`drop database if exists "${name}" with (force)`);
  }
}

function auth(bearer: string, json = false): Record<string, string> {
  return { authorization: bearer, ...(json ? { 'content-type': 'application/json' } : {}) };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** Users (set-based) and the posts the like scenario targets. */
async function seed(pool: pg.Pool): Promise<{ userIds: string[]; postIds: string[] }> {
  const { rows: users } = await pool.query<{ id: string }>(
    `insert into users (id, email, handle, display_name, created_at, updated_at)
     select gen_random_uuid(), 'bench' || i || '@example.com', 'bench_' || i, 'Bench ' || i, now(), now()
       from generate_series(1, $1) i returning id`,
    [USERS],
  );
  const userIds = users.map((u) => u.id);
  const { rows: posts } = await pool.query<{ id: string }>(
    `insert into posts (id, author_id, text, created_at)
     select gen_random_uuid(), ($1::uuid[])[1 + i % $2], 'like me ' || i, now() from generate_series(1, $3) i returning id`,
    [userIds, USERS, POSTS_TO_LIKE + 1],
  );
  return { userIds, postIds: posts.map((p) => p.id) };
}

async function startServer(
  databaseUrl: string,
  keysDir: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'support/baseline-api-server.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      MIGRATE_ON_START: 'false',
      JWT_KEYS_DIR: keysDir,
      JWT_ISSUER: ISSUER,
      PORT: '0',
      LOG_LEVEL: 'warn',
      AMQP_URL: '',
      REDIS_URL: '',
      S3_ENDPOINT: '',
      SMTP_URL: '',
      DATA_DIR: keysDir,
      // Full speed from one address: lift the API's rate limits (0 = none).
      API_RATE_LIMITS: 'api.per_ip=0,api.per_user=0,writes.per_user=0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /BENCH_READY (\S+)/.exec(chunk.toString('utf8'));
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return { child, url };
}

interface Planned {
  request: autocannon.Request;
  /** What the database must hold once the request was acknowledged. */
  key?: string;
}

interface Run {
  latencies: number[];
  keys: string[];
  failed: number;
  statuses: Record<number, number>;
}

function load(url: string, plan: () => Planned, duration: number): Promise<Run> {
  const run: Run = { latencies: [], keys: [], failed: 0, statuses: {} };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        requests: [
          {
            // One request in flight per connection, so the connection's context names it.
            setupRequest: (base, context) => {
              const { request, key } = plan();
              (context as { key?: string }).key = key;
              return { ...base, ...request };
            },
            onResponse: (status, _body, context) => {
              const { key } = context as { key?: string };
              if (status >= 200 && status < 300 && key) run.keys.push(key);
            },
          },
        ],
      },
      (error) => (error ? reject(error) : resolve(run)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      run.statuses[status] = (run.statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) run.latencies.push(responseTime);
      else run.failed++;
    });
  });
}

/** The database floor: the post INSERT alone, autocommit, from as many pooled connections as the API has. */
async function rawInserts(pool: pg.Pool, userIds: string[]): Promise<Summary> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await pool.query('insert into posts (id, author_id, text, created_at) values ($1, $2, $3, now())', [
          randomUUID(),
          userIds[i++ % USERS],
          `raw ${i}`,
        ]);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return summarise('raw INSERT into posts (pg, 10 connections)', latencies, seconds);
}

/**
 * Count, don't sample: every acknowledged post and like is in the database exactly once,
 * with one outbox event and one counter increment per row. Rows may exceed what was
 * acknowledged only by the requests still in flight when a run's clock stopped (the
 * server finished them; the load generator stopped listening): at most one per connection.
 */
async function verify(pool: pg.Pool, acked: { posts: string[]; likes: string[] }) {
  const one = async (sql: string, params: unknown[] = []) =>
    Number((await pool.query<{ n: string }>(sql, params)).rows[0]!.n);
  const posts = await one("select count(*) as n from posts where text like 'bench post %'");
  const likes = await one('select count(*) as n from likes');
  const missingPosts = await one(
    'select count(*) as n from unnest($1::text[]) t where not exists (select 1 from posts where text = t)',
    [acked.posts],
  );
  const missingLikes = await one(
    `select count(*) as n from unnest($1::text[]) k
      where not exists (select 1 from likes where user_id = split_part(k, '/', 1)::uuid and post_id = split_part(k, '/', 2)::uuid)`,
    [acked.likes],
  );
  const cutOff = 4 * connections; // warm-up and measured run of each scenario that writes
  const checks: Record<string, boolean> = {
    'every acknowledged post stored': missingPosts === 0 && new Set(acked.posts).size === acked.posts.length,
    'every acknowledged like stored': missingLikes === 0 && new Set(acked.likes).size === acked.likes.length,
    'no post beyond those in flight': posts - acked.posts.length <= cutOff,
    'no like beyond those in flight': likes - acked.likes.length <= cutOff,
    'one post.created per post':
      (await one("select count(*) as n from outbox where type = 'post.created'")) === posts,
    'posts_count matches': (await one('select sum(posts_count) as n from users')) === posts,
    'one post.liked per like':
      (await one("select count(*) as n from outbox where type = 'post.liked'")) === likes,
    'like_count matches': (await one('select sum(like_count) as n from posts')) === likes,
  };
  const failed = Object.keys(checks).filter((k) => !checks[k]);
  if (failed.length > 0) throw new Error(`the database does not match the responses: ${failed.join('; ')}`);
  return { posts, likes };
}

await main();
clearTimeout(watchdog);
