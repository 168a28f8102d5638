import 'reflect-metadata';
import type Router from '@koa/router';
import { RequestContext } from '@mikro-orm/core';
import type { Container } from 'inversify';
import type { ContainerModule } from 'inversify';
import { createHttpApp } from '#adapters/http/koa-app.ts';
import type { ApiRateLimits } from '#adapters/http/rate-limit/api-rate-limits.ts';
import { createLogger, type Logger } from '#adapters/telemetry/logger.ts';
import { createMetricsRegistry } from '#adapters/telemetry/metrics.ts';
import { loadConfig, type Config } from './config/config.ts';
import { buildContainer } from './container/build-container.ts';
import { Tokens } from './container/tokens.ts';
import { closeInfrastructure, openInfrastructure, type Infrastructure } from './infrastructure.ts';
import { startEventProcessing, type RunningEventProcessing } from './lifecycle/event-processing.ts';
import { startHttpServer } from './lifecycle/http-server.ts';
import { startScheduling } from './lifecycle/scheduling.ts';

export type Role = 'api' | 'worker' | 'scheduler';

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
  const metrics = createMetricsRegistry(service);
  const infra = await openInfrastructure(config, logger, metrics);
  const container = buildContainer(infra, options.modules);

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
  const scheduling = startScheduling(container, roles.includes('scheduler'), logger);
  const http = await startHttpServer(app, config.http.host, config.http.port);
  logger.info({ roles, url: http.url, mode: config.embedded ? 'embedded' : 'configured' }, 'rookery started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const timeoutMs = config.shutdownTimeoutMs;
      const deadline = Date.now() + timeoutMs;
      logger.info({ timeout_ms: timeoutMs }, 'shutting down');
      // Requests, messages and scheduled runs drain side by side, within the same budget.
      const [, drained, runsFinished] = await Promise.all([
        http.stop(timeoutMs),
        events?.stop(timeoutMs),
        scheduling.stop(timeoutMs),
      ]);
      // Work cut off may still hold database connections: end them rather than wait.
      const cut = Boolean(drained?.cut) || !runsFinished;
      await closeInfrastructure(infra, cut ? 0 : Math.max(0, deadline - Date.now()));
      logger.info('stopped');
    })());
  return { config, logger, container, infra, url: http.url, events, stop };
}
