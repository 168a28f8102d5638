import { ContainerModule } from 'inversify';
import type Router from '@koa/router';
import type { Registry } from 'prom-client';
import { Draining } from '#adapters/http/operations/draining.ts';
import { operationsRouter } from '#adapters/http/operations/operations.router.ts';
import { CheckLiveness } from '#application/operations/check-liveness.use-case.ts';
import { CheckReadiness } from '#application/operations/check-readiness.use-case.ts';
import { HealthProbes, type HealthProbe } from '#application/operations/health-probe.ts';
import { ProgressChecks, type ProgressCheck } from '#application/operations/progress-check.ts';
import { Clock } from '#application/shared/clock.ts';
import type { Config } from '../config/config.ts';
import { Tokens } from './tokens.ts';

/**
 * /health, /ready and /metrics. `requiredComponents` are the dependencies the process's
 * roles cannot work without; any other one being down only degrades readiness.
 * `progressChecks` is the live list /health evaluates (the runtime adds to it as roles start).
 */
export const operationsModule = (
  requiredComponents?: ReadonlySet<string>,
  progressChecks: readonly ProgressCheck[] = [],
) =>
  new ContainerModule(({ bind }) => {
    bind(Tokens.Draining).toConstantValue(new Draining());
    bind(ProgressChecks).toConstantValue(progressChecks);
    bind(CheckLiveness).toResolvedValue(
      (checks: ProgressCheck[]) => new CheckLiveness(checks),
      [ProgressChecks],
    );
    bind(CheckReadiness).toResolvedValue(
      (probes: HealthProbe[], clock: Clock, config: Config) =>
        new CheckReadiness(probes, clock, config.http.readinessTimeoutMs, {
          cacheMs: config.http.readinessCacheMs,
          ...(requiredComponents ? { required: requiredComponents } : {}),
        }),
      [{ serviceIdentifier: HealthProbes, isMultiple: true }, Clock, Tokens.Config],
    );
    bind<Router>(Tokens.OperationsRouter).toResolvedValue(
      (liveness: CheckLiveness, readiness: CheckReadiness, draining: Draining, metrics: Registry) =>
        operationsRouter(liveness, readiness, draining, metrics),
      [CheckLiveness, CheckReadiness, Tokens.Draining, Tokens.Metrics],
    );
  });
