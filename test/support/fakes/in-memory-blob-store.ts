import type { BlobStore } from '#application/avatars/blob-store.ts';

export class InMemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, { bytes: Uint8Array; contentType: string }>();
  /** Set to make every call fail, like a storage outage. */
  failure: Error | null = null;

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    this.check();
    this.objects.set(key, { bytes: Uint8Array.from(bytes), contentType });
  }

  async get(key: string): Promise<Uint8Array | null> {
    this.check();
    const found = this.objects.get(key);
    return found ? Uint8Array.from(found.bytes) : null;
  }

  async deletePrefix(prefix: string): Promise<number> {
    this.check();
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix));
    for (const key of keys) this.objects.delete(key);
    return keys.length;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
