import type { Container } from 'inversify';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { createMetricsRegistry } from '#adapters/telemetry/metrics.ts';
import type { Config } from '../config/config.ts';
import { buildContainer } from '../container/build-container.ts';
import { closeInfrastructure, openInfrastructure } from '../infrastructure.ts';

/** For one-shot commands: the same graph as the servers, opened, used, closed. */
export async function withContainer<T>(
  config: Config,
  logger: Logger,
  work: (container: Container) => Promise<T>,
): Promise<T> {
  const infra = await openInfrastructure(config, logger, createMetricsRegistry('rookery-cli'));
  try {
    return await work(buildContainer(infra));
  } finally {
    await closeInfrastructure(infra);
  }
}
