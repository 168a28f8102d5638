/**
 * Latency and throughput summaries shared by every benchmark: each bench measures its
 * subject and a baseline in the same run and prints both with the same function, so the
 * figures in docs/benchmarks.md are comparable.
 */
export interface Summary {
  label: string;
  count: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank]!;
}

/** Summarises latencies (ms) measured over `seconds` of wall time. */
export function summarise(label: string, latenciesMs: readonly number[], seconds: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    label,
    count: sorted.length,
    seconds,
    throughput: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/** A Markdown table, ready to paste into docs/benchmarks.md. */
export function table(rows: readonly Summary[], unit = 'ops/s'): string {
  const header = `| scenario | count | ${unit} | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|`;
  const lines = rows.map(
    (r) =>
      `| ${r.label} | ${r.count} | ${fmt(r.throughput, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p95, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.max, 2)} |`,
  );
  return [header, ...lines].join('\n');
}

/** How `subject` compares with `baseline` (throughput ratio and p99 difference). */
export function comparison(subject: Summary, baseline: Summary): string {
  const ratio = subject.throughput / baseline.throughput;
  return `${subject.label} runs at ${fmt(ratio * 100, 0)}% of the throughput of ${baseline.label}; p99 ${fmt(subject.p99, 2)} ms vs ${fmt(baseline.p99, 2)} ms`;
}

/** Machine facts printed with every result, so figures are read in context. */
export async function machine(): Promise<string> {
  const os = await import('node:os');
  return `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}
