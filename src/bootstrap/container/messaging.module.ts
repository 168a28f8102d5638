import { ContainerModule } from 'inversify';
import { RequestContext } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Registry } from 'prom-client';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { deadLettersRouter } from '#adapters/http/messaging/dead-letters.router.ts';
import type { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import { EmbeddedDeadLetterStore } from '#adapters/embedded-bus/embedded-dead-letter-store.ts';
import { EmbeddedEventBus } from '#adapters/embedded-bus/embedded-event-bus.ts';
import { EmbeddedEventConsumers } from '#adapters/embedded-bus/embedded-event-consumers.ts';
import { EventCatalog } from '#adapters/messaging/event-catalog.ts';
import type { EventConsumers } from '#adapters/messaging/event-consumers.ts';
import { EventDispatcher } from '#adapters/messaging/event-dispatcher.ts';
import type { EventTransport } from '#adapters/messaging/event-transport.ts';
import type { OutboxSignal } from '#adapters/messaging/outbox-signal.ts';
import { OutboxRelay } from '#adapters/postgres/messaging/outbox-relay.ts';
import { PostgresOutboxEventPublisher } from '#adapters/postgres/messaging/postgres-outbox-event-publisher.ts';
import { PostgresOutboxListener } from '#adapters/postgres/messaging/postgres-outbox-listener.ts';
import { PostgresProcessedEvents } from '#adapters/postgres/messaging/postgres-processed-events.ts';
import type { AmqpConnection } from '#adapters/rabbitmq/amqp-connection.ts';
import { RabbitMqDeadLetterStore } from '#adapters/rabbitmq/rabbitmq-dead-letter-store.ts';
import { RabbitMqEventConsumers } from '#adapters/rabbitmq/rabbitmq-event-consumers.ts';
import { RabbitMqEventTransport } from '#adapters/rabbitmq/rabbitmq-event-transport.ts';
import { RabbitMqTopology } from '#adapters/rabbitmq/rabbitmq-topology.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { HandleEventOnce } from '#application/messaging/handle-event-once.use-case.ts';
import { ListDeadLetters } from '#application/messaging/list-dead-letters.use-case.ts';
import { ProcessedEvents } from '#application/messaging/processed-events.ts';
import { PurgeDeadLetters } from '#application/messaging/purge-dead-letters.use-case.ts';
import { ReplayDeadLetters } from '#application/messaging/replay-dead-letters.use-case.ts';
import { ShowDeadLetter } from '#application/messaging/show-dead-letter.use-case.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { IdGenerator } from '#application/shared/id-generator.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import type { Config } from '../config/config.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { bindUseCase } from './bind-use-case.ts';
import { IdentityTokens } from './identity/identity-tokens.ts';
import { Tokens } from './tokens.ts';

const handlersOption = { serviceIdentifier: EventHandlers, isMultiple: true, optional: true } as const;

/**
 * The event backbone: the outbox publisher every use case writes to, the relay, and the
 * consumers — on RabbitMQ when AMQP_URL is set, on the embedded bus otherwise.
 */
export const messagingModule = (infra: Infrastructure, catalog = new EventCatalog()) =>
  new ContainerModule(({ bind }) => {
    const { config } = infra;
    bind(Tokens.EventCatalog).toConstantValue(catalog);
    bind<EventPublisher>(EventPublisher).toResolvedValue(
      (em: SqlEntityManager, ids: IdGenerator) => new PostgresOutboxEventPublisher(em, ids),
      [Tokens.EntityManager, IdGenerator],
    );
    bind<ProcessedEvents>(ProcessedEvents).toResolvedValue(
      (em: SqlEntityManager) => new PostgresProcessedEvents(em),
      [Tokens.EntityManager],
    );
    bind(HandleEventOnce).toResolvedValue(
      (uow: UnitOfWork, processed: ProcessedEvents) => new HandleEventOnce(uow, processed),
      [UnitOfWork, ProcessedEvents],
    );
    bind(Tokens.EventDispatcher).toResolvedValue(
      (handleOnce: HandleEventOnce, logger: Logger, metrics: Registry) =>
        new EventDispatcher(handleOnce, catalog, logger.child({ component: 'events' }), metrics, {
          retryDelaysMs: config.events.retryDelaysMs,
          scope: (work) => RequestContext.create(infra.orm.em, work),
        }),
      [HandleEventOnce, Tokens.Logger, Tokens.Metrics],
    );

    if (infra.amqp) bindRabbitMq(bind, infra.amqp, config);
    else bindEmbeddedBus(bind, config);

    bind(Tokens.OutboxRelay).toResolvedValue(
      (
        em: SqlEntityManager,
        transport: EventTransport,
        logger: Logger,
        metrics: Registry,
        signal: OutboxSignal,
      ) => {
        const relay = new OutboxRelay(
          em,
          transport,
          logger.child({ component: 'outbox' }),
          metrics,
          config.events.outbox,
        );
        signal.subscribe(() => relay.wake());
        return relay;
      },
      [Tokens.EntityManager, Tokens.EventTransport, Tokens.Logger, Tokens.Metrics, Tokens.OutboxSignal],
    );
    if (config.database.kind === 'postgres') {
      const url = config.database.url;
      bind(Tokens.OutboxListener).toResolvedValue(
        (relay: OutboxRelay, logger: Logger) => new PostgresOutboxListener(url, () => relay.wake(), logger),
        [Tokens.OutboxRelay, Tokens.Logger],
      );
    }

    bind<Router>(Tokens.ApiRouters).toResolvedValue(
      (
        list: ListDeadLetters,
        show: ShowDeadLetter,
        replay: ReplayDeadLetters,
        purge: PurgeDeadLetters,
        requireUser: Middleware,
        requireAdmin: Middleware,
        docs: ApiDocs,
      ) => deadLettersRouter({ list, show, replay, purge }, { requireUser, requireAdmin }, docs),
      [
        ListDeadLetters,
        ShowDeadLetter,
        ReplayDeadLetters,
        PurgeDeadLetters,
        Tokens.RequireUser,
        IdentityTokens.RequireAdmin,
        Tokens.ApiDocs,
      ],
    );

    bindUseCase(bind, ListDeadLetters, (store: DeadLetterStore) => new ListDeadLetters(store), [
      DeadLetterStore,
    ]);
    bindUseCase(bind, ShowDeadLetter, (store: DeadLetterStore) => new ShowDeadLetter(store), [
      DeadLetterStore,
    ]);
    bindUseCase(bind, ReplayDeadLetters, (store: DeadLetterStore) => new ReplayDeadLetters(store), [
      DeadLetterStore,
    ]);
    bindUseCase(bind, PurgeDeadLetters, (store: DeadLetterStore) => new PurgeDeadLetters(store), [
      DeadLetterStore,
    ]);
  });

type Bind = Parameters<ConstructorParameters<typeof ContainerModule>[0]>[0]['bind'];

function bindRabbitMq(bind: Bind, amqp: AmqpConnection, config: Config): void {
  const topology = new RabbitMqTopology({
    namespace: config.amqp!.namespace,
    retryDelaysMs: config.events.retryDelaysMs,
    deliveryLimit: config.events.deliveryLimit,
  });
  bind<EventTransport>(Tokens.EventTransport).toConstantValue(new RabbitMqEventTransport(amqp, topology));
  bind<EventConsumers>(Tokens.EventConsumers).toResolvedValue(
    (dispatcher: EventDispatcher, logger: Logger) =>
      new RabbitMqEventConsumers(
        amqp,
        topology,
        dispatcher,
        logger.child({ component: 'events' }),
        config.events.prefetch,
      ),
    [Tokens.EventDispatcher, Tokens.Logger],
  );
  bind<DeadLetterStore>(DeadLetterStore).toResolvedValue(
    (handlers: EventHandler[] | undefined) =>
      new RabbitMqDeadLetterStore(
        amqp,
        topology,
        (handlers ?? []).map((h) => h.consumer),
      ),
    [handlersOption],
  );
}

function bindEmbeddedBus(bind: Bind, config: Config): void {
  bind<EmbeddedEventBus>(Tokens.EventTransport).toResolvedValue(
    (em: SqlEntityManager, handlers: EventHandler[] | undefined) =>
      new EmbeddedEventBus(em, new Map((handlers ?? []).map((h) => [h.consumer, h.eventTypes]))),
    [Tokens.EntityManager, handlersOption],
  );
  bind<EventConsumers>(Tokens.EventConsumers).toResolvedValue(
    (em: SqlEntityManager, bus: EmbeddedEventBus, dispatcher: EventDispatcher, logger: Logger) =>
      new EmbeddedEventConsumers(em, bus, dispatcher, logger.child({ component: 'events' }), {
        prefetch: config.events.prefetch,
        pollIntervalMs: config.events.busPollIntervalMs,
        leaseMs: 5 * 60_000,
        exclusiveDatabase: config.database.kind === 'pglite',
      }),
    [Tokens.EntityManager, Tokens.EventTransport, Tokens.EventDispatcher, Tokens.Logger],
  );
  bind<DeadLetterStore>(DeadLetterStore).toResolvedValue(
    (em: SqlEntityManager, bus: EmbeddedEventBus, handlers: EventHandler[] | undefined) =>
      new EmbeddedDeadLetterStore(
        em,
        (handlers ?? []).map((h) => h.consumer),
        () => bus.wakeConsumers(),
      ),
    [Tokens.EntityManager, Tokens.EventTransport, handlersOption],
  );
}
