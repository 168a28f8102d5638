import { DomainError } from '#domain/shared/domain-error.ts';
import { token } from '../shared/token.ts';

/**
 * Durable storage of opaque objects by key (`avatars/<user>/<avatar>/upload`). Keys are
 * made by the server, `/`-separated, and never contain `..`. Writes replace whole objects,
 * so repeating one (a redelivered job) is harmless.
 */
export interface BlobStore {
  /** Stores `bytes` under `key`, replacing any object there; durable when it resolves. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** Removes every object whose key starts with `prefix`; returns how many were removed. */
  deletePrefix(prefix: string): Promise<number>;
}
export const BlobStore = token<BlobStore>('BlobStore');

/** The storage service is down or refusing work (circuit open); callers answer 503 or retry later. */
export class StorageUnavailable extends DomainError {
  constructor(reason: string) {
    super('storage.unavailable', 'unavailable', `File storage is unavailable: ${reason}.`, {
      retry_after: 5,
    });
  }
}
