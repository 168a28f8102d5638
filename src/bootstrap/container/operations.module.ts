import { ContainerModule } from 'inversify';
import type Router from '@koa/router';
import type { Registry } from 'prom-client';
import { operationsRouter } from '#adapters/http/operations/operations.router.ts';
import { CheckReadiness } from '#application/operations/check-readiness.use-case.ts';
import { HealthProbes, type HealthProbe } from '#application/operations/health-probe.ts';
import { Clock } from '#application/shared/clock.ts';
import type { Config } from '../config/config.ts';
import { Tokens } from './tokens.ts';

export const operationsModule = () =>
  new ContainerModule(({ bind }) => {
    bind(CheckReadiness).toResolvedValue(
      (probes: HealthProbe[], clock: Clock, config: Config) =>
        new CheckReadiness(probes, clock, config.http.readinessTimeoutMs),
      [{ serviceIdentifier: HealthProbes, isMultiple: true }, Clock, Tokens.Config],
    );
    bind<Router>(Tokens.OperationsRouter).toResolvedValue(
      (checkReadiness: CheckReadiness, metrics: Registry) => operationsRouter(checkReadiness, metrics),
      [CheckReadiness, Tokens.Metrics],
    );
  });
