/**
 * Prints line, branch and function coverage per layer and per context (`src/<layer>/<context>`)
 * from Jest's `coverage/coverage-summary.json`, so CI shows where the untested code sits
 * rather than one global figure.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const summary = JSON.parse(readFileSync(process.argv[2] ?? 'coverage/coverage-summary.json', 'utf8'));
const totals = new Map();
const add = (key, file) => {
  const sum = totals.get(key) ?? { lines: [0, 0], branches: [0, 0], functions: [0, 0] };
  for (const metric of ['lines', 'branches', 'functions']) {
    sum[metric][0] += file[metric].covered;
    sum[metric][1] += file[metric].total;
  }
  totals.set(key, sum);
};
for (const [path, file] of Object.entries(summary)) {
  if (path === 'total') continue;
  const [, layer, context] = relative(process.cwd(), path).split('/');
  add(layer, file);
  if (context && !context.endsWith('.ts')) add(`${layer}/${context}`, file);
}
const pct = ([covered, total]) => (total === 0 ? '100.0' : ((100 * covered) / total).toFixed(1)).padStart(6);
process.stdout.write(
  `${'src/'.padEnd(28)} ${'lines'.padStart(6)} ${'branch'.padStart(6)} ${'funcs'.padStart(6)}  lines\n`,
);
for (const [key, sum] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
  const name = key.includes('/') ? `  ${key}` : key;
  process.stdout.write(
    `${name.padEnd(28)} ${pct(sum.lines)} ${pct(sum.branches)} ${pct(sum.functions)}  ${sum.lines[1]}\n`,
  );
}
