import type { Client as S3Client } from 'minio';
import type { Registry } from 'prom-client';
import { closeDatabase, migrateDatabase, openDatabase, type Orm } from '#adapters/postgres/database.ts';
import { AmqpConnection } from '#adapters/rabbitmq/amqp-connection.ts';
import { KeyRing } from '#adapters/identity/key-ring.ts';
import { closeRedis, openRedis, type Redis } from '#adapters/redis/redis-client.ts';
import { openS3 } from '#adapters/s3/s3-client.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import type { Config } from './config/config.ts';

/** Connections opened before the container is built, so that resolution stays synchronous. */
export interface Infrastructure {
  config: Config;
  logger: Logger;
  metrics: Registry;
  orm: Orm;
  redis: Redis | null;
  amqp: AmqpConnection | null;
  s3: S3Client | null;
  keys: KeyRing;
}

/**
 * Opens what the configuration selects, in parallel; if any fails, closes the rest and
 * rethrows, so a half-started process never lingers.
 */
export async function openInfrastructure(
  config: Config,
  logger: Logger,
  metrics: Registry,
): Promise<Infrastructure> {
  const opened = await Promise.allSettled([
    openDatabase(config.database, {
      log: (message) => logger.debug({ component: 'orm' }, message),
      warn: (message) => logger.warn({ component: 'database' }, message),
    }),
    config.redis
      ? openRedis(config.redis.url, config.redis.keyPrefix, {
          commandTimeoutMs: config.redis.commandTimeoutMs,
          logger,
        })
      : null,
    config.amqp
      ? AmqpConnection.open(config.amqp.url, logger.child({ component: 'amqp' }), {
          connectTimeoutMs: config.amqp.connectTimeoutMs,
        })
      : null,
    config.storage.kind === 's3' ? openS3(config.storage) : null,
    KeyRing.load(config.auth.keysDir, {
      signingKeyId: config.auth.signingKeyId,
      generateIfEmpty: config.auth.generateKeys,
    }),
  ]);
  const [orm, redis, amqp, s3, keys] = opened.map((r) => (r.status === 'fulfilled' ? r.value : null)) as [
    Orm | null,
    Redis | null,
    AmqpConnection | null,
    S3Client | null,
    KeyRing | null,
  ];
  const failure = opened.find((r) => r.status === 'rejected');
  if (failure || !orm || !keys) {
    await Promise.allSettled([orm?.close(), redis && closeRedis(redis), amqp?.close()]);
    throw (failure as PromiseRejectedResult).reason;
  }
  if (config.migrateOnStart) {
    const applied = await migrateDatabase(orm);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  }
  return { config, logger, metrics, orm, redis, amqp, s3, keys };
}

/**
 * Closes every connection. `forceAfterMs` bounds the wait for database connections still
 * lent to work that a shutdown cut off; after it they are ended (see closeDatabase).
 */
export async function closeInfrastructure(infra: Infrastructure, forceAfterMs = Infinity): Promise<void> {
  await Promise.allSettled([infra.amqp?.close(), infra.redis && closeRedis(infra.redis)]);
  await closeDatabase(infra.orm, forceAfterMs);
}
