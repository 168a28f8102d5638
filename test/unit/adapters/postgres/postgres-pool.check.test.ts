import { afterEach, describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { PostgresPoolCheck } from '#adapters/postgres/postgres-pool.check.ts';

/** The counters pg.Pool exposes, set by the test; `acquire` as pg.Pool emits it. */
class PoolCounters extends EventEmitter {
  totalCount = 2;
  idleCount = 0;
  waitingCount = 0;
}

const checks: PostgresPoolCheck[] = [];
function makeSut(stallMs = 1_000) {
  const clock = { now: 0 };
  const pool = new PoolCounters();
  const check = new PostgresPoolCheck(stallMs, () => clock.now, 60_000);
  check.watch(pool as unknown as pg.Pool);
  checks.push(check);
  return { check, pool, clock };
}
afterEach(() => checks.splice(0).forEach((c) => c.close()));

describe('PostgresPoolCheck', () => {
  it('is fine while nobody waits for a connection', () => {
    const { check, clock } = makeSut();
    clock.now = 10_000;
    expect(check.stalled()).toBeNull();
  });

  it('stalls when requests wait longer than the bound with no connection handed out', () => {
    const { check, pool, clock } = makeSut(1_000);
    pool.waitingCount = 3;
    expect(check.stalled()).toBeNull();
    clock.now = 1_500;
    expect(check.stalled()).toBe(
      '3 requests waiting 1500 ms for a connection, 2 of 2 in use (bound 1000 ms)',
    );
    pool.waitingCount = 0;
    expect(check.stalled()).toBeNull();
  });

  it('does not stall a busy pool whose waiters keep being served', () => {
    const { check, pool, clock } = makeSut(1_000);
    pool.waitingCount = 3;
    expect(check.stalled()).toBeNull();
    for (let t = 400; t <= 4_000; t += 400) {
      clock.now = t;
      pool.emit('acquire'); // a connection handed to the next waiter
      expect(check.stalled()).toBeNull();
    }
  });
});
