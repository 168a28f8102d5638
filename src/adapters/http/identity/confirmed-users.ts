import { ExpiringMap } from '../../in-memory/expiring-map.ts';

export interface ConfirmedUsersOptions {
  /** How long an account seen to exist is taken to still exist (0: ask every time). */
  ttlMs: number;
  /** Users remembered at most; beyond that the oldest are asked about again. */
  capacity?: number;
  now?: () => number;
}

/**
 * The accounts requireUser recently saw exist, in process memory: a user's requests
 * within `ttlMs` of each other cost one indexed select, not one each. The price is
 * bounded staleness: a deleted account's still-valid access tokens keep working on a
 * replica for at most `ttlMs` after the deletion (instead of until they expire, as with
 * any stateless token that is not checked at all). Rookery has no account deletion of
 * its own (an operator deletes the row, and the refresh tokens go with it). Only successes
 * are remembered: an account found missing is asked about again on its next request.
 */
export class ConfirmedUsers {
  private readonly confirmed: ExpiringMap<true>;
  private readonly ttlMs: number;

  constructor(options: ConfirmedUsersOptions) {
    this.ttlMs = options.ttlMs;
    this.confirmed = new ExpiringMap(options.capacity ?? 100_000, options.now);
  }

  has(userId: string): boolean {
    return this.confirmed.get(userId) === true;
  }

  confirm(userId: string): void {
    if (this.ttlMs > 0) this.confirmed.set(userId, true, this.ttlMs);
  }
}
