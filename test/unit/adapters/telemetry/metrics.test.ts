import { describe, expect, it } from '@jest/globals';
import { createMetricsRegistry, gauge } from '#adapters/telemetry/metrics.ts';

const failures = async (registry: ReturnType<typeof createMetricsRegistry>, metric: string) => {
  const values = (await registry.getSingleMetric('metrics_collection_failures_total')?.get())?.values ?? [];
  return values.find((v) => v.labels.metric === metric)?.value ?? 0;
};

describe('a gauge collected at scrape time', () => {
  it('is left out of a scrape it would hang, which answers within the bound and counts the failure', async () => {
    const registry = createMetricsRegistry('test', { collectTimeoutMs: 100 });
    gauge(registry, {
      name: 'stuck_gauge',
      help: 'never answers',
      collect: () => new Promise<void>(() => {}),
    });
    gauge(registry, {
      name: 'fine_gauge',
      help: 'answers',
      collect() {
        this.set(7);
      },
    });

    const started = Date.now();
    const text = await registry.metrics();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(text).toMatch(/^fine_gauge\{service="test"\} 7$/m);
    expect(text).not.toMatch(/^stuck_gauge\{/m);
    expect(await failures(registry, 'stuck_gauge')).toBe(1);

    // The hung collection is not joined by a second one: that scrape fails at once.
    const again = Date.now();
    await registry.metrics();
    expect(Date.now() - again).toBeLessThan(100);
    expect(await failures(registry, 'stuck_gauge')).toBe(2);
  });

  it('is left out when its collection fails, and reported again once it succeeds', async () => {
    const registry = createMetricsRegistry('test', { collectTimeoutMs: 100 });
    let fail = true;
    gauge(registry, {
      name: 'flaky_gauge',
      help: 'fails first',
      collect() {
        if (fail) throw new Error('database unreachable');
        this.set(3);
      },
    });
    expect(await registry.metrics()).not.toMatch(/^flaky_gauge\{/m);
    expect(await failures(registry, 'flaky_gauge')).toBe(1);
    fail = false;
    expect(await registry.metrics()).toMatch(/^flaky_gauge\{service="test"\} 3$/m);
  });
});
