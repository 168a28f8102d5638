import { ContainerModule } from 'inversify';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { EventCatalog } from '#adapters/messaging/event-catalog.ts';
import { PostgresActivityCounter } from '#adapters/postgres/analytics/postgres-activity-counter.ts';
import { ActivityCounter } from '#application/analytics/activity-counter.ts';
import { RecordActivity } from '#application/analytics/record-activity.consumer.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { Tokens } from './tokens.ts';

export const analyticsModule = () =>
  new ContainerModule(({ bind }) => {
    bind<ActivityCounter>(ActivityCounter).toResolvedValue(
      (em: SqlEntityManager) => new PostgresActivityCounter(em),
      [Tokens.EntityManager],
    );
    bind<EventHandler>(EventHandlers).toResolvedValue(
      (catalog: EventCatalog, counter: ActivityCounter) => new RecordActivity(catalog.types, counter),
      [Tokens.EventCatalog, ActivityCounter],
    );
  });
