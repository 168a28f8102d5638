import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ProgressCheck } from '#application/operations/progress-check.ts';

/**
 * Stalled when the event loop was held up longer than `maxDelayMs` in the last two windows
 * (or since, when the loop was too blocked for the window to close): a process that
 * spins or blocks answers nothing in time, probes included. Two windows, so that a probe
 * that itself waited behind a busy loop still sees the stall that delayed it.
 */
export class EventLoopDelayCheck implements ProgressCheck {
  readonly name = 'event_loop';
  private readonly maxDelayMs: number;
  private readonly histogram: ReturnType<typeof monitorEventLoopDelay>;
  private readonly timer: ReturnType<typeof setInterval>;
  private recentWindowsMaxMs: [number, number] = [0, 0];

  constructor(maxDelayMs: number, windowMs = 1_000) {
    this.maxDelayMs = maxDelayMs;
    this.histogram = monitorEventLoopDelay({ resolution: 20 });
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.recentWindowsMaxMs = [this.recentWindowsMaxMs[1], this.currentMaxMs()];
      this.histogram.reset();
    }, windowMs);
    this.timer.unref();
  }

  stalled(): string | null {
    const delayMs = Math.max(...this.recentWindowsMaxMs, this.currentMaxMs());
    if (delayMs <= this.maxDelayMs) return null;
    return `event loop delayed ${Math.round(delayMs)} ms (bound ${this.maxDelayMs} ms)`;
  }

  close(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }

  private currentMaxMs(): number {
    // The histogram reads in nanoseconds; before its first sample it reports a huge max.
    return this.histogram.count === 0 ? 0 : this.histogram.max / 1e6;
  }
}
