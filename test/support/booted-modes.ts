import { randomUUID } from 'node:crypto';
import { createTestDatabase } from './postgres.ts';
import { services } from './services.ts';

/** The two ways Rookery runs, as the environment a booted test adds to its configuration. */
export const bootModes = [
  ['embedded (PGlite, embedded bus, file mailer)', async () => ({ env: {}, drop: async () => {} })],
  [
    'full (PostgreSQL, RabbitMQ)',
    async () => {
      const db = await createTestDatabase();
      return {
        env: {
          DATABASE_URL: db.url,
          AMQP_URL: services.amqpUrl,
          AMQP_NAMESPACE: `e2e-${randomUUID().slice(0, 8)}`,
        } as Record<string, string>,
        drop: () => db.drop(),
      };
    },
  ],
] as const;
