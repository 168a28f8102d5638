import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventCatalog } from '#adapters/messaging/event-catalog.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { aUser } from '../../support/builders/user.builder.ts';
import { until } from '../../support/event-backbone.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { projectRoot } from '../../support/rookery-process.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { services } from '../../support/services.ts';
import { testConfig } from '../../support/test-config.ts';

/** The "Event types" table of docs/events.md: each type with the consumers it lists. */
function documentedConsumers(): Record<string, string[]> {
  const doc = readFileSync(path.join(projectRoot, 'docs/events.md'), 'utf8');
  const table = doc.split('| Type | Payload | Producer | Consumers |')[1]!.split('\n\n')[0]!;
  return Object.fromEntries(
    table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => {
        const cells = line.split(' | ');
        const names = [...cells.at(-1)!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!);
        return [cells[0]!.slice(2).replaceAll('`', ''), names.sort()];
      }),
  );
}

const modes = [
  ['embedded (PGlite, embedded bus)', async () => ({ env: {}, drop: async () => {} })],
  [
    'full (PostgreSQL, RabbitMQ)',
    async () => {
      const db: TestDatabase = await createTestDatabase();
      return {
        env: {
          DATABASE_URL: db.url,
          AMQP_URL: services.amqpUrl,
          AMQP_NAMESPACE: `e2e-${randomUUID().slice(0, 8)}`,
        },
        drop: () => db.drop(),
      };
    },
  ],
] as const;

for (const [mode, prepare] of modes) {
  describe(`a booted api + worker, ${mode}`, () => {
    let rookery: RunningRookery;
    let dataDir: string;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-pipeline-'));
      const prepared = await prepare();
      drop = prepared.drop;
      rookery = await startRookery(['api', 'worker'], {
        config: testConfig({ DATA_DIR: dataDir, MIGRATE_ON_START: 'true', ...prepared.env }),
      });
    }, 60_000);
    afterAll(async () => {
      const consumers = rookery?.container.get<DeadLetterStore>(DeadLetterStore).consumers ?? [];
      await rookery?.stop();
      const amqp = rookery?.config.amqp;
      if (amqp)
        await deleteRabbitNamespace(amqp.url, amqp.namespace, consumers, rookery.config.events.retryDelaysMs);
      await drop?.();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('carries events committed by a use case through the relay to every consumer, once each', async () => {
      const uow = rookery.container.get<UnitOfWork>(UnitOfWork);
      const users = rookery.container.get<UserRepository>(UserRepository);
      const events = rookery.container.get<EventPublisher>(EventPublisher);
      for (let i = 0; i < 60; i++) {
        const user = aUser();
        await uow.transaction(async () => {
          await users.add(user);
          await events.publish(user.pullEvents());
        });
      }
      const counted = await until(
        async () => {
          const [row] = await rookery.infra.orm.em
            .fork()
            .execute<{ n: string }[]>(
              "select coalesce(sum(count), 0) as n from activity_hourly where event_type = 'user.registered'",
            );
          return Number(row!.n);
        },
        (n) => n >= 60,
        30_000,
      );
      expect(counted).toBe(60);
      const [pending] = await rookery.infra.orm.em
        .fork()
        .execute<{ n: string }[]>('select count(*) as n from outbox where published_at is null');
      expect(Number(pending!.n)).toBe(0);
    });

    it('exposes the backbone in /metrics: published, consumed, outbox lag and queue backlog', async () => {
      const text = await (await fetch(`${rookery.url}/metrics`)).text();
      expect(text).toMatch(/events_published_total\{[^}]*type="user.registered"[^}]*\} 60/);
      expect(text).toMatch(/events_consumed_total\{[^}]*consumer="activity"[^}]*outcome="handled"[^}]*\} 60/);
      expect(text).toMatch(/outbox_lag_seconds\{[^}]*\} 0/);
      expect(text).toMatch(/event_queue_backlog\{[^}]*queue="[^"]*activity"[^}]*\} 0/);
      expect(text).toMatch(/event_queue_backlog\{[^}]*queue="[^"]*activity.dead-letters"[^}]*\} 0/);
    });

    it('knows its consumers for dead-letter operations', () => {
      expect(rookery.container.get<DeadLetterStore>(DeadLetterStore).consumers).toContain('activity');
    });

    it('routes every event type to exactly the consumers docs/events.md lists for it', () => {
      const handlers = rookery.container.getAll<EventHandler>(EventHandlers);
      const catalog = rookery.container.get<EventCatalog>(Tokens.EventCatalog);
      const subscribed = Object.fromEntries(
        catalog.types.map((type) => [
          type,
          handlers
            .filter((h) => h.eventTypes.includes(type))
            .map((h) => h.consumer)
            .sort(),
        ]),
      );
      expect(documentedConsumers()).toEqual(subscribed);
    });
  });
}
