import { ContainerModule } from 'inversify';
import { OutboxSignal } from '#adapters/messaging/outbox-signal.ts';
import { SystemClock } from '#adapters/system/system-clock.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import { Clock } from '#application/shared/clock.ts';
import { IdGenerator } from '#application/shared/id-generator.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { Tokens } from './tokens.ts';

export const coreModule = (infra: Infrastructure) =>
  new ContainerModule(({ bind }) => {
    bind(Tokens.Config).toConstantValue(infra.config);
    bind(Tokens.Logger).toConstantValue(infra.logger);
    bind(Tokens.Metrics).toConstantValue(infra.metrics);
    bind(Tokens.OutboxSignal).toConstantValue(new OutboxSignal());
    bind<Clock>(Clock).toConstantValue(new SystemClock());
    bind<IdGenerator>(IdGenerator).toConstantValue(new UuidV7IdGenerator());
  });
