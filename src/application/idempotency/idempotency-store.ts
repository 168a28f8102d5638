import { token } from '../shared/token.ts';

/** The response a command gave, kept so that a retry with the same key gets it again. */
export interface StoredResponse {
  status: number;
  /** Headers worth replaying (e.g. `location`), lower-case names. */
  headers: Record<string, string>;
  /** JSON body, or null when there was none. */
  body: unknown;
}

export interface IdempotencyClaim {
  userId: string;
  key: string;
  /** Hash of what the request asked for (method, path, body): a key is bound to one request. */
  fingerprint: string;
  /** Identifies this execution; only its holder may complete or release the claim. */
  token: string;
  now: Date;
  /** Until then a retry is told the first request is still running. */
  lockedUntil: Date;
  /** When the key is forgotten and may be used again for anything. */
  expiresAt: Date;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  /** The same request already completed: answer with its response, do nothing. */
  | { kind: 'completed'; response: StoredResponse }
  /** The same request is running now (or its holder died less than a lease ago). */
  | { kind: 'in_progress' }
  /** The key was used for a different request. */
  | { kind: 'mismatch' };

/**
 * Idempotency keys per user (IETF draft "The Idempotency-Key HTTP Header Field"). A key
 * is claimed before the command runs, visibly to concurrent retries at once; its
 * response is recorded in the command's own unit of work, so the effects and the
 * record commit together or not at all.
 */
export interface IdempotencyStore {
  /**
   * Claims the key for this request, or says what already holds it. Commits on its own:
   * must not be called inside a unit of work. An expired key, or a claim abandoned
   * past its lease by the same request, is taken over.
   */
  claim(claim: IdempotencyClaim): Promise<ClaimOutcome>;
  /**
   * Records the response of the claimed execution, inside the command's unit of work.
   * False when the claim is no longer this execution's (its lease passed and a retry took it).
   */
  complete(userId: string, key: string, token: string, response: StoredResponse): Promise<boolean>;
  /** Gives a claim up (the command failed, nothing happened) so that a retry may run it. */
  release(userId: string, key: string, token: string): Promise<void>;
  /** Forgets keys that expired at or before `now`, at most `limit`; returns how many. */
  deleteExpired(now: Date, limit: number): Promise<number>;
}
export const IdempotencyStore = token<IdempotencyStore>('IdempotencyStore');
