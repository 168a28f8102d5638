import { ContainerModule } from 'inversify';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { OutboxSignal } from '#adapters/messaging/outbox-signal.ts';
import { PostgresHealthProbe } from '#adapters/postgres/postgres-health.probe.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { HealthProbes, type HealthProbe } from '#application/operations/health-probe.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { Tokens } from './tokens.ts';

/** PostgreSQL (or PGlite) through MikroORM: the unit of work and every repository. */
export const persistenceModule = (infra: Infrastructure) =>
  new ContainerModule(({ bind }) => {
    bind(Tokens.Orm).toConstantValue(infra.orm);
    bind(Tokens.EntityManager).toConstantValue(infra.orm.em);
    bind<UnitOfWork>(UnitOfWork).toResolvedValue(
      (em: SqlEntityManager, signal: OutboxSignal) => new PostgresUnitOfWork(em, () => signal.notify()),
      [Tokens.EntityManager, Tokens.OutboxSignal],
    );
    bind<UserRepository>(UserRepository).toResolvedValue(
      (em: SqlEntityManager) => new PostgresUserRepository(em),
      [Tokens.EntityManager],
    );
    bind<HealthProbe>(HealthProbes).toResolvedValue(
      (em: SqlEntityManager) => new PostgresHealthProbe(em),
      [Tokens.EntityManager],
    );
  });
