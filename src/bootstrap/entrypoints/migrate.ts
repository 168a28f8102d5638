import { migrateDatabase, openDatabase } from '#adapters/postgres/database.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import type { Config } from '../config/config.ts';

/** Applies committed migrations and exits; in production this runs as a Job before rollout. */
export async function migrate(config: Config, logger: Logger): Promise<void> {
  const orm = await openDatabase(config.database);
  try {
    const applied = await migrateDatabase(orm);
    logger.info(
      { applied, database: config.database.kind },
      applied.length ? 'migrations applied' : 'schema is up to date',
    );
  } finally {
    await orm.close();
  }
}
