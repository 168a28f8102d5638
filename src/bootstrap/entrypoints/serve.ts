import type { Logger } from '#adapters/telemetry/logger.ts';
import type { Config } from '../config/config.ts';
import { startRookery, type Role } from '../runtime.ts';

/**
 * Runs roles until SIGTERM/SIGINT, then shuts down gracefully and exits 0. A second
 * signal, or a shutdown that overruns its budget, exits at once with 1.
 */
export async function serve(roles: Role[], config: Config, logger: Logger): Promise<void> {
  const running = await startRookery(roles, { config, logger });
  if (process.stdout.isTTY) process.stdout.write(`\nRookery is running at ${running.url}\n\n`);
  else logger.info({ url: running.url }, `Rookery is running at ${running.url}`);

  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal }, 'signal received');
    const force = setTimeout(
      () => {
        logger.error('graceful shutdown overran its budget: exiting');
        process.exit(1);
      },
      config.shutdownDrainMs + config.shutdownTimeoutMs + 5_000,
    );
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
