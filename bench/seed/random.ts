/** A small seeded PRNG (mulberry32), so a seed builds the same graph every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Pareto-distributed integers ≥ min (heavy tail: most small, a few very large), capped. */
export function pareto(random: () => number, min: number, alpha: number, cap: number): number {
  return Math.min(cap, Math.floor(min / Math.pow(1 - random(), 1 / alpha)));
}

/**
 * Zipf-like ranks in [0, n): rank r is picked with probability ∝ 1 / (r + 1)^s, by
 * inverting the continuous approximation of the CDF (fast and close enough for seeding).
 */
export function zipfRank(random: () => number, n: number, s: number): number {
  const u = random();
  if (s === 1) return Math.min(n - 1, Math.floor(Math.exp(u * Math.log(n + 1)) - 1));
  const top = Math.pow(n + 1, 1 - s);
  return Math.min(n - 1, Math.floor(Math.pow(u * (top - 1) + 1, 1 / (1 - s)) - 1));
}
