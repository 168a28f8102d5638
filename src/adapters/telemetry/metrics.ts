import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per running container (not prom-client's global one), so that tests can
 * boot several in one process. Metric labels never carry user ids or other unbounded values.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

type Config<L extends string> = { name: string; help: string; labelNames?: readonly L[] };

/** The same metric when asked twice (adapters built twice in one process share it). */
export function counter<L extends string>(registry: Registry, config: Config<L>): Counter<L> {
  return (
    (registry.getSingleMetric(config.name) as Counter<L>) ?? new Counter({ ...config, registers: [registry] })
  );
}

export function gauge<L extends string>(
  registry: Registry,
  config: Config<L> & { collect?: (this: Gauge<L>) => void | Promise<void> },
): Gauge<L> {
  return (
    (registry.getSingleMetric(config.name) as Gauge<L>) ?? new Gauge({ ...config, registers: [registry] })
  );
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
