import { token } from '../shared/token.ts';

/**
 * One dependency the service needs (database, cache, broker, storage…). `check`
 * resolves when the dependency answers and rejects with the reason when it does not.
 */
export interface HealthProbe {
  readonly name: string;
  /** A required dependency being down makes the service not ready. */
  readonly required: boolean;
  check(): Promise<void>;
}
export const HealthProbes = token<HealthProbe>('HealthProbes');
