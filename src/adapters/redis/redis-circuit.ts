import CircuitBreaker from 'opossum';
import type { Logger } from '../telemetry/logger.ts';

export interface RedisCircuitOptions {
  /** A call (possibly several commands) slower than this counts as failed and is answered at once. */
  timeoutMs: number;
  /** How long the circuit stays open before one trial call may pass. */
  resetMs: number;
}

/**
 * One circuit breaker for every cache call of a process (the S3 store's approach, with
 * opossum): while Redis fails or hangs, calls are refused at once instead of each one
 * waiting for its timeout, so a Redis outage costs a read nothing but the fallback.
 */
export class RedisCircuit {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;

  constructor(options: RedisCircuitOptions, logger?: Logger) {
    this.breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
      name: 'redis',
      timeout: options.timeoutMs,
      resetTimeout: options.resetMs,
      errorThresholdPercentage: 50,
      volumeThreshold: 5,
      rollingCountTimeout: 10_000,
    });
    this.breaker.on('open', () => logger?.warn({ component: 'redis' }, 'redis circuit opened'));
    this.breaker.on('close', () => logger?.info({ component: 'redis' }, 'redis circuit closed'));
  }

  get state(): 'closed' | 'open' | 'half-open' {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.breaker.fire(work) as Promise<T>;
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
