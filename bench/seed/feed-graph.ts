/**
 * Seeds the benchmark's social graph straight into PostgreSQL: users, power-law follows
 * (a few accounts with 10 000+ followers), posts over the last days, the counters the
 * commands would have kept, the celebrities, and `user_feed` as the fan-out would have
 * written it. Bulk rows go in with COPY; the derived tables are built by set-based SQL.
 */
import cliProgress from 'cli-progress';
import pg from 'pg';
import { v7 } from 'uuid';
import { copyFrom, row } from './copy-from.ts';
import { pareto, seededRandom, zipfRank } from './random.ts';

export interface GraphOptions {
  users: number;
  posts: number;
  /** Mean number of accounts each user follows. */
  avgFollows: number;
  /** Authors with this many followers are celebrities (not fanned out). */
  celebrityFollowers: number;
  /** Posts are spread over this many days up to `now`. */
  days: number;
  seed: number;
  now: number;
}

export interface SeededGraph {
  follows: number;
  feedRows: number;
  celebrities: { id: string; followers: number }[];
  /** Followers per user, by index in `userIds`. */
  followers: Int32Array;
  userIds: string[];
  seconds: number;
}

/** One progress bar per phase, on stderr (also when it is not a terminal, every 2 s). */
function phase(name: string, total: number) {
  const bar = new cliProgress.SingleBar(
    {
      format: `  ${name.padEnd(8)} [{bar}] {percentage}% | {value}/{total} | {duration}s`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2_000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

export async function seedFeedGraph(url: string, o: GraphOptions): Promise<SeededGraph> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    "set synchronous_commit = off; set maintenance_work_mem = '512MB'; set work_mem = '64MB'",
  );
  const random = seededRandom(o.seed);
  try {
    const userIds = Array.from({ length: o.users }, (_, i) =>
      v7({ msecs: o.now - o.days * 86_400_000 - o.users + i }),
    );
    const users = phase('users', o.users);
    await copyFrom(
      client,
      'copy users (id, email, handle, display_name, created_at, updated_at) from stdin',
      (function* () {
        const at = new Date(o.now - o.days * 86_400_000).toISOString();
        for (let i = 0; i < o.users; i++)
          yield row(userIds[i]!, `u${i}@bench.rookery.local`, `u${i}`, `Bench User ${i}`, at, at);
      })(),
      (n) => users.increment(n),
    );
    users.stop();

    // Who is popular is random, not the first ids: a shuffled rank → user mapping.
    const byRank = Int32Array.from({ length: o.users }, (_, i) => i);
    for (let i = o.users - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [byRank[i], byRank[j]] = [byRank[j]!, byRank[i]!];
    }
    const followers = new Int32Array(o.users);
    let follows = 0;
    const followBar = phase('follows', o.users * o.avgFollows);
    await copyFrom(
      client,
      'copy follows (follower_id, followee_id, created_at) from stdin',
      (function* () {
        for (let i = 0; i < o.users; i++) {
          const want = Math.min(o.users - 1, pareto(random, o.avgFollows / 3, 1.5, 2_000));
          const chosen = new Set<number>();
          for (let tries = 0; chosen.size < want && tries < want * 3; tries++) {
            // A third of follows go to the famous (Zipf over the shuffled ranks), the rest anywhere.
            const j =
              random() < 0.35 ? byRank[zipfRank(random, o.users, 1)]! : Math.floor(random() * o.users);
            if (j !== i) chosen.add(j);
          }
          for (const j of chosen) {
            followers[j]!++;
            follows++;
            const at = new Date(o.now - o.days * 86_400_000 + Math.floor(random() * 3_600_000)).toISOString();
            yield row(userIds[i]!, userIds[j]!, at);
          }
        }
      })(),
      (n) => followBar.increment(n),
    );
    followBar.setTotal(follows);
    followBar.stop();

    const postBar = phase('posts', o.posts);
    await copyFrom(
      client,
      'copy posts (id, author_id, text, created_at, like_count) from stdin',
      (function* () {
        for (let n = 0; n < o.posts; n++) {
          const ms = o.now - Math.floor(random() * o.days * 86_400_000);
          const author = userIds[Math.floor(random() * o.users)]!;
          const text =
            `Bench post ${n}: ${'lorem ipsum dolor sit amet '.repeat(1 + Math.floor(random() * 4))}`.trim();
          yield row(v7({ msecs: ms }), author, text, new Date(ms).toISOString(), Math.floor(random() * 30));
        }
      })(),
      (n) => postBar.increment(n),
    );
    postBar.stop();

    const derived = phase('counts', 4);
    await client.query(`
      update users u set followers_count = c.n from (select followee_id, count(*) as n from follows group by 1) c
       where u.id = c.followee_id`);
    derived.increment();
    await client.query(`
      update users u set following_count = c.n from (select follower_id, count(*) as n from follows group by 1) c
       where u.id = c.follower_id`);
    derived.increment();
    await client.query(`
      update users u set posts_count = c.n from (select author_id, count(*) as n from posts group by 1) c
       where u.id = c.author_id`);
    derived.increment();
    await client.query(
      'insert into feed_celebrities (author_id, promoted_at) select id, now() from users where followers_count >= $1',
      [o.celebrityFollowers],
    );
    derived.increment();
    derived.stop();

    // user_feed as the fan-out writes it: every post in its author's feed and, unless the
    // author is a celebrity, in every follower's. In batches of authors, for a progress bar.
    const batch = 1_000;
    const feedBar = phase('feeds', o.users);
    for (let i = 0; i < o.users; i += batch) {
      const authors = `{${userIds.slice(i, i + batch).join(',')}}`;
      await client.query(
        `insert into user_feed (owner_id, created_at, post_id, author_id)
         select author_id, created_at, id, author_id from posts where author_id = any($1::uuid[])
         union all
         select f.follower_id, p.created_at, p.id, p.author_id
           from posts p join follows f on f.followee_id = p.author_id
          where p.author_id = any($1::uuid[])
            and not exists (select 1 from feed_celebrities c where c.author_id = p.author_id)`,
        [authors],
      );
      feedBar.increment(Math.min(batch, o.users - i));
    }
    feedBar.stop();
    const vacuum = phase('vacuum', 1);
    await client.query('vacuum (analyze) users, follows, posts, user_feed, feed_celebrities');
    vacuum.increment();
    vacuum.stop();

    const [{ n: feedRows }] = (await client.query<{ n: string }>('select count(*) as n from user_feed'))
      .rows as [{ n: string }];
    const celebrities = (
      await client.query<{ id: string; followers_count: number }>(
        'select u.id, u.followers_count from feed_celebrities c join users u on u.id = c.author_id order by 2 desc',
      )
    ).rows.map((r) => ({ id: r.id, followers: r.followers_count }));
    return {
      follows,
      feedRows: Number(feedRows),
      celebrities,
      followers,
      userIds,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await client.end();
  }
}
