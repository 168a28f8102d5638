/**
 * A Map whose entries expire (lazily, on access) and which holds at most `capacity`
 * entries, dropping the least recently written first. The in-memory caches of the
 * embedded mode use it the way the Redis adapters use TTLs and eviction; the API's
 * process-local caches (verified tokens, confirmed users) bound their memory with it.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(capacity = 100_000, now: () => number = Date.now) {
    this.capacity = capacity;
    this.now = now;
  }

  get(key: string): V | undefined {
    const found = this.entries.get(key);
    if (!found) return undefined;
    if (found.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return found.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Moves the expiry of a live entry (a sliding TTL); false when there is none. */
  touch(key: string, ttlMs: number): boolean {
    const value = this.get(key);
    if (value === undefined) return false;
    this.entries.get(key)!.expiresAt = this.now() + ttlMs;
    return true;
  }

  /** Milliseconds left, or 0 when absent. */
  ttl(key: string): number {
    return this.get(key) === undefined ? 0 : this.entries.get(key)!.expiresAt - this.now();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
