import type { ProgressCheck } from '#application/operations/progress-check.ts';

/**
 * Stalled when the transport is connected but the consumers have not been attached to
 * their queues for longer than `detachedMs` (a re-setup after a reconnection that failed
 * and was never retried): nothing would be consumed again until a restart. While the
 * transport itself is down, readiness reports it and a restart would not help.
 */
export class ConsumersAttachedCheck implements ProgressCheck {
  readonly name = 'consumers';
  private readonly state: () => { attached: boolean; connected: boolean };
  private readonly detachedMs: number;
  private readonly now: () => number;
  private detachedSince: number | null = null;

  constructor(
    state: () => { attached: boolean; connected: boolean },
    detachedMs: number,
    now: () => number = Date.now,
  ) {
    this.state = state;
    this.detachedMs = detachedMs;
    this.now = now;
  }

  stalled(): string | null {
    const { attached, connected } = this.state();
    if (attached || !connected) {
      this.detachedSince = null;
      return null;
    }
    this.detachedSince ??= this.now();
    const forMs = this.now() - this.detachedSince;
    return forMs > this.detachedMs
      ? `consumers detached for ${forMs} ms while connected (bound ${this.detachedMs} ms)`
      : null;
  }
}
