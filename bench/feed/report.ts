import type { SeededGraph } from '../seed/feed-graph.ts';
import { comparison, summarise, table, type Summary } from '../support/stats.ts';
import type { FanOutRun } from './fan-out-phases.ts';
import type { HttpRun } from './http-load.ts';

export interface Results {
  graph: SeededGraph;
  http: Partial<Record<'warm' | 'bare' | 'auth' | 'limited' | 'cold' | 'coldLow', HttpRun>>;
  bytes?: number;
  sql: Summary[];
  burst?: FanOutRun;
  lag?: FanOutRun;
  /** Seconds spent waiting for the previous phase's work to drain, before each phase. */
  settled: [string, number][];
}

interface Options {
  users: number;
  posts: number;
  celebrityFollowers: number;
  connections: number;
  coldConnections: number;
  lagRate: number;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** The Markdown the benchmark prints: tables of what ran, then the targets read against them. */
export function report(o: Options, r: Results): string[] {
  const c = o.connections;
  const label = {
    warm: `GET /api/v1/feed, warm caches (${c} conns)`,
    limited: `GET /api/v1/feed, warm caches, rate limits counted (${c} conns)`,
    cold: `GET /api/v1/feed, cold caches (${c} conns, each user once)`,
    coldLow: `GET /api/v1/feed, cold caches (${o.coldConnections} conns, each user once)`,
    bare: `bare Koa route, same ${r.bytes}-byte body (${c} conns)`,
    auth: `requireUser + same body, no feed work (${c} conns)`,
  };
  const s: Partial<Record<keyof typeof label, Summary>> = {};
  for (const key of Object.keys(label) as (keyof typeof label)[]) {
    const run = r.http[key];
    if (run) s[key] = summarise(label[key], run.latencies, run.seconds);
  }
  const g = r.graph;
  const top = g.celebrities
    .slice(0, 5)
    .map((x) => x.followers)
    .join(', ');
  const out = [
    `Graph: ${o.users} users, ${g.follows} follows, ${o.posts} posts, ${g.feedRows} user_feed rows; ` +
      `${g.celebrities.length} celebrities ≥ ${o.celebrityFollowers} followers (top: ${top}); seeded in ${g.seconds.toFixed(0)} s.`,
    `Settled before: ${r.settled.map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`).join(', ')}.`,
    '',
  ];
  const rows = Object.values(s);
  if (rows.length > 0) out.push(table(rows, 'req/s'), '');
  if (s.warm && s.bare) out.push(`- ${comparison(s.warm, s.bare)}`);
  if (s.warm && s.auth) out.push(`- ${comparison(s.warm, s.auth)}`);
  if (s.limited && s.warm) out.push(`- ${comparison(s.limited, s.warm)}`);
  const errors = Object.entries(r.http).map(([k, run]) => `${k} ${run.errors}`);
  if (errors.length > 0) out.push(`- non-2xx: ${errors.join(', ')}`);
  const targets: string[] = [];
  if (s.warm) targets.push(`warm p99 ≤ 25 ms → ${ms(s.warm.p99)} ${verdict(s.warm.p99 <= 25)}`);
  if (s.warm && s.bare) {
    const share = s.warm.throughput / s.bare.throughput;
    targets.push(`warm ≥ 40% of bare → ${(share * 100).toFixed(0)}% ${verdict(share >= 0.4)}`);
  }
  if (s.coldLow && s.cold)
    targets.push(
      `cold p99 ≤ 60 ms → ${ms(s.coldLow.p99)} at ${o.coldConnections} conns ${verdict(s.coldLow.p99 <= 60)}, ` +
        `${ms(s.cold.p99)} at ${c} ${verdict(s.cold.p99 <= 60)}`,
    );
  if (targets.length > 0) out.push(`- targets: ${targets.join('; ')}`);
  if (r.sql.length > 0) out.push('', table(r.sql, 'queries/s'));
  const fanOut = [r.burst, r.lag].filter((x) => x !== undefined);
  if (fanOut.length > 0)
    out.push(
      '',
      table(
        fanOut.map((x) => x.summary),
        'posts/s',
      ),
      '',
    );
  if (r.burst)
    out.push(
      `- fan-out burst: ${r.burst.rows} feed rows in ${r.burst.seconds.toFixed(1)} s = ${(r.burst.rows / r.burst.seconds).toFixed(0)} rows/s`,
    );
  if (r.lag)
    out.push(
      `- at ${o.lagRate} posts/s: ${r.lag.rows} feed rows in ${r.lag.seconds.toFixed(1)} s = ${(r.lag.rows / r.lag.seconds).toFixed(0)} rows/s; ` +
        `lag (commit → in a follower's user_feed) p95 ${r.lag.summary.p95.toFixed(0)} ms → target ≤ 1000 ms ${verdict(r.lag.summary.p95 <= 1000)}`,
      `- feed_lag_seconds (commit → cached feeds updated), from /metrics: ${r.lag.cacheLag}`,
    );
  return out;
}
