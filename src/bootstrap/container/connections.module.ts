import { ContainerModule } from 'inversify';
import { LocalDirectoryHealthProbe } from '#adapters/local-disk/local-directory-health.probe.ts';
import { RabbitMqHealthProbe } from '#adapters/rabbitmq/rabbitmq-health.probe.ts';
import { RedisHealthProbe } from '#adapters/redis/redis-health.probe.ts';
import { S3HealthProbe } from '#adapters/s3/s3-health.probe.ts';
import { HealthProbes, type HealthProbe } from '#application/operations/health-probe.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { Tokens } from './tokens.ts';

/**
 * The opened connections to Redis, RabbitMQ and S3 (when configured) and a readiness
 * probe for each; in embedded mode the local data folders stand in for storage and mail.
 */
export const connectionsModule = (infra: Infrastructure) =>
  new ContainerModule(({ bind }) => {
    const probe = (p: HealthProbe) => bind<HealthProbe>(HealthProbes).toConstantValue(p);
    if (infra.redis) {
      bind(Tokens.Redis).toConstantValue(infra.redis);
      probe(new RedisHealthProbe(infra.redis));
    }
    if (infra.amqp) {
      bind(Tokens.Amqp).toConstantValue(infra.amqp);
      probe(new RabbitMqHealthProbe(infra.amqp));
    }
    const { storage, mail } = infra.config;
    if (infra.s3 && storage.kind === 's3') {
      bind(Tokens.S3).toConstantValue(infra.s3);
      probe(new S3HealthProbe(infra.s3, storage.bucket));
    } else if (storage.kind === 'local') {
      probe(new LocalDirectoryHealthProbe('storage', storage.directory));
    }
    if (mail.kind === 'file') probe(new LocalDirectoryHealthProbe('mail', mail.directory));
  });
