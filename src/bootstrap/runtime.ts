import 'reflect-metadata';
import type Router from '@koa/router';
import { RequestContext } from '@mikro-orm/core';
import type { Container } from 'inversify';
import type { ContainerModule } from 'inversify';
import { createHttpApp } from '#adapters/http/koa-app.ts';
import type { Draining } from '#adapters/http/operations/draining.ts';
import type { ApiRateLimits } from '#adapters/http/rate-limit/api-rate-limits.ts';
import { createLogger, type Logger } from '#adapters/telemetry/logger.ts';
import { createMetricsRegistry } from '#adapters/telemetry/metrics.ts';
import { loadConfig, type Config } from './config/config.ts';
import { buildContainer } from './container/build-container.ts';
import { Tokens } from './container/tokens.ts';
import { closeInfrastructure, openInfrastructure, type Infrastructure } from './infrastructure.ts';
import { startEventProcessing, type RunningEventProcessing } from './lifecycle/event-processing.ts';
import { startHttpServer } from './lifecycle/http-server.ts';
import { startLivenessChecks } from './lifecycle/liveness.ts';
import { startScheduling } from './lifecycle/scheduling.ts';

export type Role = 'api' | 'worker' | 'scheduler';

/**
 * What each role cannot work without; any other dependency being down only degrades
 * readiness. The API takes writes without Redis (feeds fall back to PostgreSQL) and
 * without the broker (events wait in the outbox); the worker consumes from the broker.
 */
const requiredByRole: Record<Role, readonly string[]> = {
  api: ['db'],
  worker: ['db', 'broker'],
  scheduler: ['db'],
};

export interface RunningRookery {
  readonly config: Config;
  readonly logger: Logger;
  readonly container: Container;
  readonly infra: Infrastructure;
  /** Where the HTTP server listens (the API, or only health/metrics for worker and scheduler). */
  readonly url: string;
  /** Relay and consumers, when this process runs the worker role. */
  readonly events: RunningEventProcessing | null;
  /** Graceful: stop taking work, finish what is in flight (bounded), close connections. */
  stop(): Promise<void>;
}

export interface StartOptions {
  config?: Config;
  logger?: Logger;
  /** Extra or overriding bindings (tests). */
  modules?: ContainerModule[];
}

/** Starts the given roles in this process on one shared set of connections. */
export async function startRookery(
  roles: readonly Role[],
  options: StartOptions = {},
): Promise<RunningRookery> {
  const config = options.config ?? loadConfig();
  const service = `rookery-${roles.length === 3 ? 'all' : roles.join('+')}`;
  const logger = options.logger ?? createLogger({ level: config.log.level, service });
  const metrics = createMetricsRegistry(service, config.metrics);
  const infra = await openInfrastructure(config, logger, metrics);
  const liveness = await startLivenessChecks(config, infra);
  const container = buildContainer(infra, options.modules, {
    requiredComponents: new Set(roles.flatMap((role) => requiredByRole[role])),
    progressChecks: liveness.checks,
  });
  const draining = container.get<Draining>(Tokens.Draining);

  const routers = [
    container.get<Router>(Tokens.OperationsRouter),
    ...(roles.includes('api') ? container.getAll<Router>(Tokens.ApiRouters, { optional: true }) : []),
  ];
  const limits = roles.includes('api')
    ? container.get<ApiRateLimits>(Tokens.ApiRateLimits, { optional: true })
    : undefined;
  const app = createHttpApp({
    logger,
    beforeRoutes: limits ? [limits.byAddress] : [],
    metrics,
    routers,
    jsonLimitKb: config.http.jsonLimitKb,
    trustProxy: config.http.trustProxy,
    corsOrigins: config.http.corsOrigins,
    legacyRateLimitHeaders: config.http.legacyRateLimitHeaders,
    requestScope: (work) => RequestContext.create(infra.orm.em, work),
  });
  const events = roles.includes('worker') ? await startEventProcessing(container, logger) : null;
  if (events) liveness.watchConsumers(events);
  const scheduling = startScheduling(container, roles.includes('scheduler'), logger);
  const http = await startHttpServer(app, config.http.host, config.http.port, draining);
  // Only an API sits behind a load balancer that needs time to stop sending to it.
  const drainMs = roles.includes('api') ? config.shutdownDrainMs : 0;
  logger.info({ roles, url: http.url, mode: config.embedded ? 'embedded' : 'configured' }, 'rookery started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const timeoutMs = config.shutdownTimeoutMs;
      logger.info({ timeout_ms: timeoutMs, drain_ms: drainMs }, 'shutting down');
      // Drain first: /ready fails and responses close their connections, while requests are
      // still served, until balancers have taken this process out of rotation.
      draining.begin();
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
      const deadline = Date.now() + timeoutMs;
      // Requests, messages and scheduled runs drain side by side, within the same budget.
      const [, drained, runsFinished] = await Promise.all([
        http.stop(timeoutMs),
        events?.stop(timeoutMs),
        scheduling.stop(timeoutMs),
      ]);
      // Work cut off may still hold database connections: end them rather than wait.
      const cut = Boolean(drained?.cut) || !runsFinished;
      liveness.close();
      await closeInfrastructure(infra, cut ? 0 : Math.max(0, deadline - Date.now()));
      logger.info('stopped');
    })());
  return { config, logger, container, infra, url: http.url, events, stop };
}
