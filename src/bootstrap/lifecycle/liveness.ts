import type { ProgressCheck } from '#application/operations/progress-check.ts';
import { ConsumersAttachedCheck } from '#adapters/messaging/consumers-attached.check.ts';
import { PostgresPoolCheck } from '#adapters/postgres/postgres-pool.check.ts';
import { RabbitMqEventConsumers } from '#adapters/rabbitmq/rabbitmq-event-consumers.ts';
import { EventLoopDelayCheck } from '#adapters/system/event-loop-delay.check.ts';
import type pg from 'pg';
import type { Config } from '../config/config.ts';
import type { Infrastructure } from '../infrastructure.ts';
import type { RunningEventProcessing } from './event-processing.ts';

export interface LivenessChecks {
  readonly checks: ProgressCheck[];
  /** Adds the consumers check once the worker role runs them. */
  watchConsumers(events: RunningEventProcessing): void;
  close(): void;
}

/**
 * What /health watches in this process: the event loop always, the PostgreSQL pool when
 * there is one, and (worker role, RabbitMQ) that the consumers stay attached.
 */
export async function startLivenessChecks(config: Config, infra: Infrastructure): Promise<LivenessChecks> {
  const eventLoop = new EventLoopDelayCheck(config.liveness.eventLoopDelayMaxMs);
  const checks: ProgressCheck[] = [eventLoop];
  let poolCheck: PostgresPoolCheck | null = null;
  if (config.database.kind === 'postgres') {
    poolCheck = new PostgresPoolCheck(config.liveness.poolStallMs);
    poolCheck.watch((await infra.orm.em.getConnection().getNativeClient()) as pg.Pool);
    checks.push(poolCheck);
  }
  return {
    checks,
    watchConsumers(events) {
      const { consumers } = events;
      if (!(consumers instanceof RabbitMqEventConsumers) || !infra.amqp) return;
      const amqp = infra.amqp;
      checks.push(
        new ConsumersAttachedCheck(
          () => ({ attached: consumers.attached(), connected: amqp.connected }),
          config.liveness.consumersDetachedMs,
        ),
      );
    },
    close() {
      eventLoop.close();
      poolCheck?.close();
    },
  };
}
