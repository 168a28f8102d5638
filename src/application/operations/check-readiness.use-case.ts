import type { Clock } from '../shared/clock.ts';
import type { HealthProbe } from './health-probe.ts';

export interface ComponentStatus {
  status: 'up' | 'down';
  required: boolean;
  latency_ms: number;
  error?: string;
}

export interface Readiness {
  /** Every required dependency answered: this process should get traffic. */
  ready: boolean;
  /** Ready, but a dependency it can do without is down (some features answer less well). */
  degraded: boolean;
  components: Record<string, ComponentStatus>;
}

export interface ReadinessOptions {
  /** How long one result answers every probe, so that many probes do not stampede the dependencies. */
  cacheMs?: number;
  /**
   * The dependencies this process cannot work without (its roles decide); the others only
   * degrade it. Without it, each probe's own `required` holds.
   */
  required?: ReadonlySet<string>;
}

/**
 * Checks every dependency live and at once, each bounded by a timeout so one hung peer
 * cannot stall the rest.
 */
export class CheckReadiness {
  private readonly probes: readonly HealthProbe[];
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly required: ReadonlySet<string> | undefined;
  private last: { at: number; result: Promise<Readiness> } | null = null;

  constructor(
    probes: readonly HealthProbe[],
    clock: Clock,
    timeoutMs = 2_000,
    options: ReadinessOptions = {},
  ) {
    this.probes = probes;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
    this.cacheMs = options.cacheMs ?? 0;
    this.required = options.required;
  }

  execute(): Promise<Readiness> {
    const now = this.clock.now().getTime();
    // A check in flight is joined, not repeated; a finished one is reused for cacheMs.
    if (this.last && now - this.last.at < this.cacheMs) return this.last.result;
    const result = this.checkAll();
    this.last = { at: now, result };
    void result.then(() => {
      if (this.last?.result === result) this.last = { at: this.clock.now().getTime(), result };
    });
    return result;
  }

  private async checkAll(): Promise<Readiness> {
    const entries = await Promise.all(
      this.probes.map(async (probe) => [probe.name, await this.run(probe)] as const),
    );
    const components = Object.fromEntries(entries);
    const ready = entries.every(([, c]) => c.status === 'up' || !c.required);
    return { ready, degraded: ready && entries.some(([, c]) => c.status === 'down'), components };
  }

  private async run(probe: HealthProbe): Promise<ComponentStatus> {
    const required = this.required ? this.required.has(probe.name) : probe.required;
    const started = this.clock.now().getTime();
    const elapsed = () => this.clock.now().getTime() - started;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([probe.check(), timeout]);
      return { status: 'up', required, latency_ms: elapsed() };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'down', required, latency_ms: elapsed(), error: reason };
    } finally {
      clearTimeout(timer);
    }
  }
}
