import type { Clock } from '../shared/clock.ts';
import type { HealthProbe } from './health-probe.ts';

export interface ComponentStatus {
  status: 'up' | 'down';
  required: boolean;
  latency_ms: number;
  error?: string;
}

export interface Readiness {
  ready: boolean;
  components: Record<string, ComponentStatus>;
}

/** Checks every dependency at once, each bounded by a timeout so one hung peer cannot stall the rest. */
export class CheckReadiness {
  private readonly probes: readonly HealthProbe[];
  private readonly clock: Clock;
  private readonly timeoutMs: number;

  constructor(probes: readonly HealthProbe[], clock: Clock, timeoutMs = 2_000) {
    this.probes = probes;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
  }

  async execute(): Promise<Readiness> {
    const entries = await Promise.all(
      this.probes.map(async (probe) => [probe.name, await this.run(probe)] as const),
    );
    const components = Object.fromEntries(entries);
    const ready = entries.every(([, c]) => c.status === 'up' || !c.required);
    return { ready, components };
  }

  private async run(probe: HealthProbe): Promise<ComponentStatus> {
    const started = this.clock.now().getTime();
    const elapsed = () => this.clock.now().getTime() - started;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([probe.check(), timeout]);
      return { status: 'up', required: probe.required, latency_ms: elapsed() };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'down', required: probe.required, latency_ms: elapsed(), error: reason };
    } finally {
      clearTimeout(timer);
    }
  }
}
