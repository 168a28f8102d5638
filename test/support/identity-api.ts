import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openRedis } from '#adapters/redis/redis-client.ts';
import type { Logger } from '#adapters/telemetry/logger.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { createTestDatabase } from './postgres.ts';
import { services } from './services.ts';
import { testConfig } from './test-config.ts';

export type Json = Record<string, unknown>;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: Json;
}

/** JSON over real HTTP to a booted Rookery. */
export function apiClient(baseUrl: string) {
  return async (
    method: string,
    route: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as Json,
    };
  };
}

/** A free TCP port, for configurations that must know their public URL before starting. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BootedRookery {
  rookery: RunningRookery;
  redisPrefix: string | null;
  stop(): Promise<void>;
}

/**
 * The two ways Rookery runs, for identity tests: embedded (PGlite, in-memory rate limits)
 * and full (PostgreSQL, Redis). Each boot gets its own data folder, database and Redis prefix.
 */
export const identityModes = [
  ['embedded (PGlite, in-memory limits)', false],
  ['full (PostgreSQL, Redis)', true],
] as const;

export async function bootRookery(
  full: boolean,
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<BootedRookery> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-identity-'));
  const db = full ? await createTestDatabase() : null;
  const redisPrefix = full ? `rookery-e2e-${randomUUID().slice(0, 8)}:` : null;
  const rookery = await startRookery(['api'], {
    ...options,
    config: testConfig({
      DATA_DIR: dataDir,
      MIGRATE_ON_START: 'true',
      AUTH_RATE_LIMIT_POINTS: '10000',
      AUTH_FAILED_LOGIN_DELAY_MS: '10',
      ...(db ? { DATABASE_URL: db.url, REDIS_URL: services.redisUrl, REDIS_KEY_PREFIX: redisPrefix! } : {}),
      ...env,
    }),
  });
  return {
    rookery,
    redisPrefix,
    async stop() {
      await rookery.stop();
      if (redisPrefix) {
        const redis = await openRedis(services.redisUrl, '');
        const keys = await redis.keys(`${redisPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      }
      await db?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
