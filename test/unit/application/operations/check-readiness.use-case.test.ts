import { describe, expect, it } from '@jest/globals';
import type { HealthProbe } from '#application/operations/health-probe.ts';
import { CheckReadiness } from '#application/operations/check-readiness.use-case.ts';
import { SystemClock } from '#adapters/system/system-clock.ts';

const probe = (name: string, check: () => Promise<void>, required = true): HealthProbe => ({
  name,
  required,
  check,
});
const up = () => Promise.resolve();
const down = () => Promise.reject(new Error('connection refused'));
const hangs = () => new Promise<void>(() => {});

function makeSut(probes: HealthProbe[], timeoutMs = 50) {
  return new CheckReadiness(probes, new SystemClock(), timeoutMs);
}

describe('CheckReadiness', () => {
  it('is ready when every dependency answers', async () => {
    const result = await makeSut([probe('db', up), probe('cache', up)]).execute();
    expect(result.ready).toBe(true);
    expect(result.components.db).toMatchObject({ status: 'up', required: true });
    expect(result.components.cache?.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it('is not ready when a required dependency is down, and names it with the reason', async () => {
    const result = await makeSut([probe('db', up), probe('cache', down)]).execute();
    expect(result.ready).toBe(false);
    expect(result.components.cache).toMatchObject({ status: 'down', error: 'connection refused' });
    expect(result.components.db?.status).toBe('up');
  });

  it('stays ready when only an optional dependency is down', async () => {
    const result = await makeSut([probe('db', up), probe('mail', down, false)]).execute();
    expect(result.ready).toBe(true);
    expect(result.components.mail?.status).toBe('down');
  });

  it('reports a dependency that does not answer in time as down instead of waiting for it', async () => {
    const started = Date.now();
    const result = await makeSut([probe('broker', hangs)], 50).execute();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result.components.broker).toMatchObject({ status: 'down', error: 'no answer within 50 ms' });
  });
});
