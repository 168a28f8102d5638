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

  it('reports ready but degraded when a dependency its roles can do without is down', async () => {
    const sut = new CheckReadiness([probe('db', up), probe('cache', down)], new SystemClock(), 50, {
      required: new Set(['db']),
    });
    const result = await sut.execute();
    expect(result).toMatchObject({ ready: true, degraded: true });
    expect(result.components.cache).toMatchObject({ status: 'down', required: false });
    expect(result.components.db).toMatchObject({ status: 'up', required: true });
  });

  it('names the required dependency that is down, whatever the probe itself declares', async () => {
    const sut = new CheckReadiness([probe('db', up), probe('broker', down, false)], new SystemClock(), 50, {
      required: new Set(['db', 'broker']),
    });
    const result = await sut.execute();
    expect(result).toMatchObject({ ready: false, degraded: false });
    expect(result.components.broker).toMatchObject({ status: 'down', required: true });
  });

  it('answers concurrent and quickly repeated checks with one round of probes', async () => {
    let calls = 0;
    const counted = () => {
      calls += 1;
      return new Promise<void>((r) => setTimeout(r, 20));
    };
    const sut = new CheckReadiness([probe('db', counted)], new SystemClock(), 500, { cacheMs: 200 });
    await Promise.all([sut.execute(), sut.execute(), sut.execute()]);
    await sut.execute();
    expect(calls).toBe(1);
    await new Promise((r) => setTimeout(r, 250));
    await sut.execute();
    expect(calls).toBe(2);
  });
});
