import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import { openRedis } from '#adapters/redis/redis-client.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { Tokens } from '#bootstrap/container/tokens.ts';
import { startRookery, type Role, type RunningRookery } from '#bootstrap/runtime.ts';
import { aUser } from '../builders/user.builder.ts';
import { until } from '../event-backbone.ts';
import { createTestDatabase } from '../postgres.ts';
import { deleteRabbitNamespace } from '../rabbitmq-cleanup.ts';
import { startS3Server, type TestS3Server } from '../s3-server.ts';
import { services } from '../services.ts';
import { testConfig } from '../test-config.ts';

export type AvatarMode = 'embedded' | 'full';

/** Embedded: PGlite, embedded bus, local folder. Full: PostgreSQL, RabbitMQ, Redis and an S3 server (s3rver). */
export const avatarModes = [
  ['embedded (PGlite, embedded bus, local folder)', 'embedded'],
  ['full (PostgreSQL, RabbitMQ, Redis, S3)', 'full'],
] as const;

export interface AvatarWorld {
  rookery: RunningRookery;
  mode: AvatarMode;
  s3: TestS3Server | null;
  /** A new user and an access token for them. */
  signUp(): Promise<{ id: string; token: string }>;
  /** Keys of every object in storage (local folder or bucket). */
  storedKeys(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Boots Rookery (api + worker by default) in one mode, with fast retries and polling for tests. */
export async function bootAvatarWorld(
  mode: AvatarMode,
  options: { roles?: Role[]; env?: Record<string, string>; joining?: AvatarWorld } = {},
): Promise<AvatarWorld> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-avatars-'));
  const full = mode === 'full';
  // A process joining another world shares its database, broker namespace and bucket (and leaves them to it).
  const joined = options.joining?.rookery.config;
  const owner = !joined;
  const db = full && owner ? await createTestDatabase() : null;
  const s3 = full && owner ? await startS3Server() : null;
  const namespace = joined?.amqp?.namespace ?? `avatars-${randomUUID().slice(0, 8)}`;
  const bucket =
    joined?.storage.kind === 's3' ? joined.storage.bucket : `avatars-${randomUUID().slice(0, 8)}`;
  const joinedEnv =
    joined && joined.database.kind === 'postgres' && joined.storage.kind === 's3'
      ? {
          DATABASE_URL: joined.database.url,
          S3_ENDPOINT: joined.storage.endpoint,
          S3_BUCKET: bucket,
          S3_ACCESS_KEY: joined.storage.accessKey,
          S3_SECRET_KEY: joined.storage.secretKey,
        }
      : {};
  const rookery = await startRookery(options.roles ?? ['api', 'worker'], {
    config: testConfig({
      DATA_DIR: dataDir,
      MIGRATE_ON_START: 'true',
      EVENT_RETRY_DELAYS_MS: '200,500,1000',
      OUTBOX_POLL_INTERVAL_MS: '50',
      BUS_POLL_INTERVAL_MS: '50',
      ...(full
        ? {
            AMQP_URL: services.amqpUrl,
            AMQP_NAMESPACE: namespace,
            REDIS_URL: services.redisUrl,
            REDIS_KEY_PREFIX: `${namespace}:`,
            ...(owner ? { DATABASE_URL: db!.url, ...s3!.env(bucket) } : joinedEnv),
          }
        : {}),
      ...options.env,
    }),
  });
  return {
    rookery,
    mode,
    s3,
    async signUp() {
      const user = aUser();
      const uow = rookery.container.get<UnitOfWork>(UnitOfWork);
      const users = rookery.container.get<UserRepository>(UserRepository);
      await uow.transaction(() => users.add(user));
      const { token } = await rookery.container.get<JwtAccessTokens>(Tokens.AccessTokens).issue(user.id);
      return { id: user.id, token };
    },
    async storedKeys() {
      const storage = rookery.config.storage;
      if (storage.kind === 'local') {
        const entries = await readdir(storage.directory, { recursive: true, withFileTypes: true }).catch(
          () => [],
        );
        return entries
          .filter((e) => e.isFile() && !e.parentPath.includes('.incoming'))
          .map((e) => path.relative(storage.directory, path.join(e.parentPath, e.name)));
      }
      const keys: string[] = [];
      for await (const item of rookery.infra.s3!.listObjectsV2(storage.bucket, '', true))
        keys.push(item.name!);
      return keys;
    },
    async stop() {
      const consumers = rookery.container.isBound(DeadLetterStore)
        ? rookery.container.get<DeadLetterStore>(DeadLetterStore).consumers
        : [];
      await rookery.stop();
      if (full && owner) {
        await deleteRabbitNamespace(
          services.amqpUrl,
          namespace,
          consumers,
          rookery.config.events.retryDelaysMs,
        );
        const redis = await openRedis(services.redisUrl, '');
        const keys = await redis.keys(`${namespace}:*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      }
      await s3?.close();
      await db?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Upload {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** `POST /api/v1/avatars` as a browser form would send it. */
export async function uploadAvatar(
  baseUrl: string,
  token: string,
  file: { bytes: Uint8Array; fileName?: string; contentType?: string },
  headers: Record<string, string> = {},
): Promise<Upload> {
  const form = new FormData();
  const blob = new Blob([Buffer.from(file.bytes)], { type: file.contentType ?? 'application/octet-stream' });
  form.append('file', blob, file.fileName ?? 'avatar.jpg');
  const response = await fetch(`${baseUrl}/api/v1/avatars`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, ...headers },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** Polls the metadata until the worker is done with the avatar; returns the final metadata. */
export async function untilProcessed(
  baseUrl: string,
  token: string,
  avatarId: string,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  return until(
    async () => {
      const response = await fetch(`${baseUrl}/api/v1/avatars/${avatarId}/metadata`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return (await response.json()) as Record<string, unknown>;
    },
    (metadata) => metadata.status !== 'processing',
    timeoutMs,
  );
}
