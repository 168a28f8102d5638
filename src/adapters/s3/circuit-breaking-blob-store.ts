import CircuitBreaker from 'opossum';
import { StorageUnavailable, type BlobStore } from '#application/avatars/blob-store.ts';
import type { Logger } from '../telemetry/logger.ts';

export interface CircuitOptions {
  /** A call slower than this counts as failed and is answered at once. */
  timeoutMs: number;
  /** How long the circuit stays open before one trial call may pass. */
  resetMs: number;
  /** Failed share of recent calls (percent) that opens the circuit, once `minimumCalls` were made. */
  errorThresholdPercentage?: number;
  minimumCalls?: number;
}

/**
 * Wraps a remote blob store in a circuit breaker: while the store fails or hangs, calls are
 * refused at once with `StorageUnavailable` (HTTP 503, a retried delivery in the worker)
 * instead of piling up behind it; after `resetMs` one trial call decides whether it closes.
 */
export class CircuitBreakingBlobStore implements BlobStore {
  private readonly inner: BlobStore;
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private readonly timeoutMs: number;

  constructor(inner: BlobStore, options: CircuitOptions, logger?: Logger) {
    this.inner = inner;
    this.timeoutMs = options.timeoutMs;
    this.breaker = new CircuitBreaker((work: () => Promise<unknown>) => work(), {
      name: 'storage',
      timeout: options.timeoutMs,
      resetTimeout: options.resetMs,
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      volumeThreshold: options.minimumCalls ?? 5,
      rollingCountTimeout: 10_000,
    });
    this.breaker.on('open', () => logger?.error({ component: 'storage' }, 'storage circuit opened'));
    this.breaker.on('halfOpen', () => logger?.warn({ component: 'storage' }, 'storage circuit half-open'));
    this.breaker.on('close', () => logger?.info({ component: 'storage' }, 'storage circuit closed'));
  }

  /** `closed`, `open` or `half-open`. */
  get state(): 'closed' | 'open' | 'half-open' {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    return this.call(() => this.inner.put(key, bytes, contentType));
  }

  get(key: string): Promise<Uint8Array | null> {
    return this.call(() => this.inner.get(key));
  }

  deletePrefix(prefix: string): Promise<number> {
    return this.call(() => this.inner.deletePrefix(prefix));
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(work)) as T;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EOPENBREAKER')
        throw new StorageUnavailable('the circuit is open after repeated failures');
      if (code === 'ETIMEDOUT') throw new StorageUnavailable(`no answer within ${this.timeoutMs} ms`);
      throw new StorageUnavailable((error as Error).message ?? String(error));
    }
  }
}
