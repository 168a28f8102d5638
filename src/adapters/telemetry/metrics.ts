import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How long a gauge computed at scrape time may take before its value is left out. */
const collectTimeouts = new WeakMap<Registry, number>();

export interface MetricsRegistryOptions {
  /** Bound on each scrape-time collection (a database or broker query); 1 s by default. */
  collectTimeoutMs?: number;
}

/**
 * One registry per running container (not prom-client's global one), so that tests can
 * boot several in one process. Metric labels never carry user ids or other unbounded values.
 */
export function createMetricsRegistry(service: string, options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  collectTimeouts.set(registry, options.collectTimeoutMs ?? 1_000);
  return registry;
}

type Config<L extends string> = { name: string; help: string; labelNames?: readonly L[] };

/** The same metric when asked twice (adapters built twice in one process share it). */
export function counter<L extends string>(registry: Registry, config: Config<L>): Counter<L> {
  return (
    (registry.getSingleMetric(config.name) as Counter<L>) ?? new Counter({ ...config, registers: [registry] })
  );
}

/**
 * A gauge, optionally computed at scrape time by `collect`. Such a collection is bounded:
 * one that fails, overruns the registry's timeout, or is still running from an earlier
 * scrape leaves this gauge's samples out of that scrape and counts
 * `metrics_collection_failures_total{metric}`, so one stuck dependency cannot hang /metrics.
 */
export function gauge<L extends string>(
  registry: Registry,
  config: Config<L> & { collect?: (this: Gauge<L>) => void | Promise<void> },
): Gauge<L> {
  const existing = registry.getSingleMetric(config.name) as Gauge<L> | undefined;
  if (existing) return existing;
  const { collect, ...plain } = config;
  if (!collect) return new Gauge({ ...plain, registers: [registry] });
  const failures = counter(registry, {
    name: 'metrics_collection_failures_total',
    help: 'Scrape-time metric collections that failed or overran their timeout; that metric was left out of the scrape.',
    labelNames: ['metric'] as const,
  });
  return new BoundedGauge<L>({ ...plain, registers: [registry] }, collect, {
    timeoutMs: collectTimeouts.get(registry) ?? 1_000,
    failed: () => failures.inc({ metric: config.name }),
  });
}

class BoundedGauge<L extends string> extends Gauge<L> {
  readonly #collect: (this: Gauge<L>) => void | Promise<void>;
  readonly #timeoutMs: number;
  readonly #failed: () => void;
  #running: Promise<unknown> | null = null;

  constructor(
    config: ConstructorParameters<typeof Gauge<L>>[0],
    collect: (this: Gauge<L>) => void | Promise<void>,
    bounds: { timeoutMs: number; failed: () => void },
  ) {
    super(config);
    this.#collect = collect;
    this.#timeoutMs = bounds.timeoutMs;
    this.#failed = bounds.failed;
  }

  override async get() {
    const collected = await this.#collectWithin();
    const metric = await super.get();
    return collected ? metric : { ...metric, values: [] };
  }

  async #collectWithin(): Promise<boolean> {
    // A collection still hung from an earlier scrape is not joined by a second one.
    if (this.#running) {
      this.#failed();
      return false;
    }
    const running = Promise.resolve().then(() => this.#collect.call(this));
    this.#running = running;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.#timeoutMs);
    });
    const outcome = await Promise.race([
      running.then(
        () => 'ok' as const,
        () => 'failed' as const,
      ),
      timedOut,
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout') void running.catch(() => {}).finally(() => (this.#running = null));
    else this.#running = null;
    if (outcome !== 'ok') this.#failed();
    return outcome === 'ok';
  }
}

export function histogram<L extends string>(
  registry: Registry,
  config: Config<L> & { buckets?: number[] },
): Histogram<L> {
  return (
    (registry.getSingleMetric(config.name) as Histogram<L>) ??
    new Histogram({ ...config, registers: [registry] })
  );
}
