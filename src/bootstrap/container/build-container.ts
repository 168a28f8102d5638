import { Container, type ContainerModule } from 'inversify';
import type { Infrastructure } from '../infrastructure.ts';
import { analyticsModule } from './analytics.module.ts';
import { avatarsModule } from './avatars.module.ts';
import { connectionsModule } from './connections.module.ts';
import { coreModule } from './core.module.ts';
import { digestModule } from './digest.module.ts';
import { feedModule } from './feed.module.ts';
import { httpModule } from './http.module.ts';
import { identityModule } from './identity.module.ts';
import { messagingModule } from './messaging.module.ts';
import { operationsModule } from './operations.module.ts';
import { persistenceModule } from './persistence.module.ts';
import { socialModule } from './social.module.ts';
import { tasksModule } from './tasks.module.ts';
import type { ProgressCheck } from '#application/operations/progress-check.ts';

/**
 * The composition root's graph, the same for every entrypoint: each resolves only what
 * it starts. Tests build it too and rebind only what they fake.
 */
export function buildContainer(
  infra: Infrastructure,
  extra: ContainerModule[] = [],
  operations: { requiredComponents?: ReadonlySet<string>; progressChecks?: readonly ProgressCheck[] } = {},
): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    coreModule(infra),
    persistenceModule(infra),
    connectionsModule(infra),
    messagingModule(infra),
    httpModule(infra),
    identityModule(infra),
    analyticsModule(),
    avatarsModule(infra),
    operationsModule(operations.requiredComponents, operations.progressChecks),
    socialModule(),
    tasksModule(),
    digestModule(infra),
    feedModule(infra),
    ...extra,
  );
  return container;
}
