/**
 * One way this process can stop making progress by itself (a blocked event loop, a pool
 * nobody gives connections back to, consumers that never came back). Unlike a
 * `HealthProbe`, it is about this process, not a dependency: when it stalls, restarting
 * the process is the remedy, so liveness fails.
 */
export interface ProgressCheck {
  readonly name: string;
  /** Why the process is stalled on this account, or null while it makes progress. Cheap: no I/O. */
  stalled(): string | null;
}

export const ProgressChecks = Symbol('ProgressChecks');
