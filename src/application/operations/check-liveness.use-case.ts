import type { ProgressCheck } from './progress-check.ts';

export interface ProgressStatus {
  status: 'ok' | 'stalled';
  reason?: string;
}

export interface Liveness {
  alive: boolean;
  checks: Record<string, ProgressStatus>;
}

/** Whether this process can still make progress on its own; dependencies are readiness's business. */
export class CheckLiveness {
  private readonly checks: readonly ProgressCheck[];

  constructor(checks: readonly ProgressCheck[]) {
    this.checks = checks;
  }

  execute(): Liveness {
    const checks: Record<string, ProgressStatus> = {};
    for (const check of this.checks) {
      const reason = check.stalled();
      checks[check.name] = reason === null ? { status: 'ok' } : { status: 'stalled', reason };
    }
    return { alive: Object.values(checks).every((c) => c.status === 'ok'), checks };
  }
}
