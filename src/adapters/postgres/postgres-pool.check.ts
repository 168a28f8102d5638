import type pg from 'pg';
import type { ProgressCheck } from '#application/operations/progress-check.ts';

/**
 * Stalled when requests have been waiting for a pool connection for longer than `stallMs`
 * while none was handed out: every connection is held by work that does not finish (the
 * leak of issue 19), as opposed to a busy pool, whose waiters keep being served.
 */
export class PostgresPoolCheck implements ProgressCheck {
  readonly name = 'db_pool';
  private readonly stallMs: number;
  private readonly now: () => number;
  private pool: pg.Pool | null = null;
  /** Since when requests wait and no connection was handed out. */
  private stuckSince: number | null = null;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(stallMs: number, now: () => number = Date.now, sampleMs = 200) {
    this.stallMs = stallMs;
    this.now = now;
    this.timer = setInterval(() => this.sample(), sampleMs);
    this.timer.unref();
  }

  /** The pool to watch (MikroORM hands it out only once connected). */
  watch(pool: pg.Pool): void {
    this.pool = pool;
    pool.on('acquire', () => {
      if (this.stuckSince !== null) this.stuckSince = this.now();
    });
  }

  stalled(): string | null {
    this.sample();
    if (this.stuckSince === null || this.now() - this.stuckSince <= this.stallMs) return null;
    const pool = this.pool!;
    return (
      `${pool.waitingCount} requests waiting ${this.now() - this.stuckSince} ms for a connection, ` +
      `${pool.totalCount - pool.idleCount} of ${pool.totalCount} in use (bound ${this.stallMs} ms)`
    );
  }

  close(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    if (!this.pool || this.pool.waitingCount === 0) this.stuckSince = null;
    else this.stuckSince ??= this.now();
  }
}
