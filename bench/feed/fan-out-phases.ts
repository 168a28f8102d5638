import type pg from 'pg';
import type { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import type { SeededGraph } from '../seed/feed-graph.ts';
import { seededRandom } from '../seed/random.ts';
import { summarise, type Summary } from '../support/stats.ts';

export interface FanOutRun {
  /** Per post: from the 201 (commit) to the post being in a follower's user_feed. */
  summary: Summary;
  /** Feed rows the fan-out wrote meanwhile (feed_fanout_rows_total). */
  rows: number;
  seconds: number;
  /** feed_lag_seconds over the phase (commit → cached feeds updated), from its buckets. */
  cacheLag: string;
}

interface Watched {
  owner: string;
  createdAt: string;
  committedAt: number;
}

/**
 * Watches posts arrive in followers' feeds: polls `user_feed` by primary key (owner, time,
 * post) for each pending post, the owner being the follower its fan-out reaches last.
 */
class Arrivals {
  readonly lags: number[] = [];
  private readonly pending = new Map<string, Watched>();
  private readonly pool: pg.Pool;
  private stopped = false;
  private loop: Promise<void>;

  constructor(pool: pg.Pool) {
    this.pool = pool;
    this.loop = this.poll();
  }

  watch(postId: string, watched: Watched): void {
    this.pending.set(postId, watched);
  }

  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) await sleep(20);
    this.stopped = true;
    await this.loop;
    if (this.pending.size > 0) throw new Error(`${this.pending.size} posts never reached a follower's feed`);
  }

  private async poll(): Promise<void> {
    while (!this.stopped) {
      const entries = [...this.pending.entries()];
      if (entries.length > 0) {
        const { rows } = await this.pool.query<{ post_id: string }>(
          `select u.post_id from unnest($1::uuid[], $2::timestamptz[], $3::uuid[]) as k(owner_id, created_at, post_id)
             join user_feed u using (owner_id, created_at, post_id)`,
          [entries.map(([, w]) => w.owner), entries.map(([, w]) => w.createdAt), entries.map(([id]) => id)],
        );
        const now = performance.now();
        for (const { post_id } of rows) {
          this.lags.push(now - this.pending.get(post_id)!.committedAt);
          this.pending.delete(post_id);
        }
      }
      await sleep(10);
    }
  }
}

/** Authors below the celebrity threshold with the most followers (or random ones), with their last follower. */
async function authors(pool: pg.Pool, graph: SeededGraph, celebrity: number, count: number, heavy: boolean) {
  const random = seededRandom(7);
  const candidates = graph.userIds
    .map((id, i) => ({ id, followers: graph.followers[i]! }))
    .filter((a) => a.followers > 0 && a.followers < celebrity);
  const picked = heavy
    ? candidates.sort((a, b) => b.followers - a.followers).slice(0, count)
    : Array.from({ length: count }, () => candidates[Math.floor(random() * candidates.length)]!);
  const last = new Map<string, string>();
  for (const a of picked) {
    const { rows } = await pool.query<{ follower_id: string }>(
      'select follower_id from follows where followee_id = $1 order by created_at asc, follower_id desc limit 1',
      [a.id],
    );
    last.set(a.id, rows[0]!.follower_id);
  }
  return picked.map((a) => ({ ...a, lastFollower: last.get(a.id)! }));
}

async function post(base: string, token: string, text: string): Promise<{ id: string; created_at: string }> {
  const response = await fetch(`${base}/api/v1/posts`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  if (response.status !== 201) throw new Error(`POST /posts answered ${response.status}`);
  return (await response.json()) as { id: string; created_at: string };
}

/** A burst of posts by the best-followed non-celebrities, as fast as 16 writers go: fan-out throughput. */
export async function burst(
  base: string,
  pool: pg.Pool,
  graph: SeededGraph,
  tokens: JwtAccessTokens,
  count: number,
  celebrity: number,
): Promise<FanOutRun> {
  const writers = await authors(pool, graph, celebrity, 50, true);
  return run(
    base,
    pool,
    tokens,
    writers,
    count,
    0,
    `fan-out burst, ${count} posts by authors with ≤ ${writers[0]?.followers} followers`,
  );
}

/** Posts by random non-celebrities at `rate` per second: feed lag under a steady load. */
export async function lagAtRate(
  base: string,
  pool: pg.Pool,
  graph: SeededGraph,
  tokens: JwtAccessTokens,
  rate: number,
  seconds: number,
  celebrity: number,
): Promise<FanOutRun> {
  const writers = await authors(pool, graph, celebrity, 500, false);
  return run(
    base,
    pool,
    tokens,
    writers,
    rate * seconds,
    rate,
    `${rate} posts/s for ${seconds} s: commit → follower's feed`,
  );
}

async function run(
  base: string,
  pool: pg.Pool,
  tokens: JwtAccessTokens,
  writers: { id: string; lastFollower: string }[],
  count: number,
  rate: number,
  label: string,
): Promise<FanOutRun> {
  const bearer = await Promise.all(writers.map(async (w) => `Bearer ${(await tokens.issue(w.id)).token}`));
  const arrivals = new Arrivals(pool);
  const [rowsBefore, lagBefore] = [await metric(base, 'feed_fanout_rows_total'), await buckets(base)];
  const started = performance.now();
  let n = 0;
  const one = async () => {
    const i = n++;
    const w = writers[i % writers.length]!;
    const created = await post(base, bearer[i % writers.length]!, `bench fan-out ${i}`);
    arrivals.watch(created.id, {
      owner: w.lastFollower,
      createdAt: created.created_at,
      committedAt: performance.now(),
    });
  };
  if (rate === 0) {
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (n < count) await one();
      }),
    );
  } else {
    const inFlight: Promise<void>[] = [];
    while (n < count) {
      inFlight.push(one());
      const wait = started + (n * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
    }
    await Promise.all(inFlight);
  }
  await arrivals.settle(600_000);
  const elapsed = (performance.now() - started) / 1000;
  const rows = (await metric(base, 'feed_fanout_rows_total')) - rowsBefore;
  return {
    summary: summarise(label, arrivals.lags, elapsed),
    rows,
    seconds: elapsed,
    cacheLag: lagQuantiles(lagBefore, await buckets(base)),
  };
}

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

async function buckets(base: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^feed_lag_seconds_bucket\{.*le="([^"]+)".*\} (\S+)$/.exec(line);
    if (match) found.set(match[1]!, Number(match[2]));
  }
  return found;
}

/** p50/p95/p99 as the upper bound of the histogram bucket they fall in, over the phase. */
function lagQuantiles(before: Map<string, number>, after: Map<string, number>): string {
  const deltas = [...after.entries()].map(([le, v]) => [le, v - (before.get(le) ?? 0)] as const);
  const total = deltas.find(([le]) => le === '+Inf')?.[1] ?? 0;
  if (total === 0) return 'no observations';
  const at = (q: number) => deltas.find(([, v]) => v >= q * total)?.[0] ?? '+Inf';
  return `p50 ≤ ${at(0.5)} s, p95 ≤ ${at(0.95)} s, p99 ≤ ${at(0.99)} s (${total} deliveries)`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
