import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseTarget } from '#adapters/postgres/database.ts';
import { environmentSchema, type Environment } from './config.schema.ts';

export type Config = ReturnType<typeof toConfig>;

/** A configuration value that cannot start the service; the message names the variable. */
export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment (and `.env` in the working directory when present; real
 * environment variables win) and validates it as a whole, so every problem is reported
 * at once instead of one per restart.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const got = env[name];
        return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${got}")`}`;
      }),
    );
  }
  return toConfig(parsed.data);
}

function toConfig(e: Environment) {
  const dataDir = path.resolve(e.DATA_DIR);
  const database: DatabaseTarget = e.DATABASE_URL
    ? {
        kind: 'postgres',
        url: e.DATABASE_URL,
        poolMax: e.DATABASE_POOL_MAX,
        statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
        acquireTimeoutMs: e.DATABASE_ACQUIRE_TIMEOUT_MS,
      }
    : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') };
  const s3Configured = e.S3_ENDPOINT !== undefined;
  const embedded = !e.DATABASE_URL && !e.REDIS_URL && !e.AMQP_URL && !s3Configured && !e.SMTP_URL;
  return {
    env: e.NODE_ENV,
    /** True when nothing external is configured: the laptop-in-one-command mode. */
    embedded,
    dataDir,
    log: { level: e.LOG_LEVEL },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    /**
     * How long an API keeps serving after SIGTERM with /ready failing, so that load balancers
     * stop sending before the listener closes. None on a laptop (embedded) or under test.
     */
    shutdownDrainMs: (e.SHUTDOWN_DRAIN_SECONDS ?? (embedded || e.NODE_ENV === 'test' ? 0 : 5)) * 1_000,
    /** What /health counts as "this process cannot make progress" (so an orchestrator restarts it). */
    liveness: {
      eventLoopDelayMaxMs: e.HEALTH_EVENT_LOOP_DELAY_MAX_MS,
      poolStallMs: e.HEALTH_POOL_STALL_MS,
      consumersDetachedMs: e.HEALTH_CONSUMERS_DETACHED_MS,
    },
    metrics: { collectTimeoutMs: e.METRICS_COLLECT_TIMEOUT_MS },
    http: {
      host: e.HOST,
      port: e.PORT,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      trustProxy: e.TRUST_PROXY,
      jsonLimitKb: e.HTTP_JSON_LIMIT_KB,
      readinessTimeoutMs: e.READINESS_TIMEOUT_MS,
      readinessCacheMs: e.READINESS_CACHE_MS,
      /** Limits of every /api route, per client address and per user, by route group. */
      rateLimits: { windowSeconds: e.API_RATE_LIMIT_WINDOW_SECONDS, overrides: e.API_RATE_LIMITS },
      /** Also send the 2022 draft's RateLimit-Limit/-Remaining/-Reset, for clients that read them. */
      legacyRateLimitHeaders: e.RATE_LIMIT_LEGACY_HEADERS,
      /** Browser origins allowed to call the API (CORS); none by default. */
      corsOrigins: e.CORS_ORIGINS,
    },
    auth: {
      issuer: (e.JWT_ISSUER ?? e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
      audience: e.JWT_AUDIENCE,
      accessTtlSeconds: e.JWT_ACCESS_TTL_SECONDS,
      keysDir: path.resolve(e.JWT_KEYS_DIR ?? path.join(dataDir, 'keys')),
      signingKeyId: e.JWT_SIGNING_KEY_ID,
      /** Outside production a missing key is generated (and kept); production must provide its keys. */
      generateKeys: e.NODE_ENV !== 'production',
      refreshTtlMs: e.REFRESH_TOKEN_TTL_DAYS * 86_400_000,
      rateLimits: {
        points: e.AUTH_RATE_LIMIT_POINTS,
        windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS,
        maxFailedLogins: e.AUTH_MAX_FAILED_LOGINS,
        maxFailedLoginsPerIp: e.AUTH_MAX_FAILED_LOGINS_PER_IP,
        maxFailedLoginsPerAccount: e.AUTH_MAX_FAILED_LOGINS_PER_ACCOUNT,
        knownAddressDays: e.AUTH_KNOWN_ADDRESS_DAYS,
        failedLoginWindowSeconds: e.AUTH_FAILED_LOGIN_WINDOW_SECONDS,
        failedLoginDelayMs: e.AUTH_FAILED_LOGIN_DELAY_MS,
      },
      ssoProviders: e.OIDC_PROVIDERS.map((p) => ({
        name: p.name,
        label: p.label ?? p.name.charAt(0).toUpperCase() + p.name.slice(1),
        issuer: p.issuer,
        clientId: p.client_id,
        clientSecret: p.client_secret,
        scopes: p.scopes ?? ['openid', 'email', 'profile'],
      })),
      /** The built-in OpenID provider: on by default in embedded mode, never in production. */
      devIdentityProvider: {
        enabled:
          e.NODE_ENV !== 'production' &&
          (e.DEV_IDP_ENABLED ??
            (!e.DATABASE_URL && !e.REDIS_URL && !e.AMQP_URL && !e.S3_ENDPOINT && !e.SMTP_URL)),
        users: e.DEV_IDP_USERS,
      },
    },
    database,
    migrateOnStart: e.MIGRATE_ON_START ?? database.kind === 'pglite',
    redis: e.REDIS_URL
      ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS }
      : null,
    amqp: e.AMQP_URL
      ? { url: e.AMQP_URL, namespace: e.AMQP_NAMESPACE, connectTimeoutMs: e.AMQP_CONNECT_TIMEOUT_MS }
      : null,
    events: {
      retryDelaysMs: e.EVENT_RETRY_DELAYS_MS,
      prefetch: e.EVENT_PREFETCH,
      deliveryLimit: e.EVENT_DELIVERY_LIMIT,
      busPollIntervalMs: e.BUS_POLL_INTERVAL_MS,
      outbox: {
        batchSize: e.OUTBOX_BATCH_SIZE,
        pollIntervalMs: e.OUTBOX_POLL_INTERVAL_MS,
        retentionMs: e.OUTBOX_RETENTION_HOURS * 3_600_000,
      },
    },
    storage: s3Configured
      ? {
          kind: 's3' as const,
          endpoint: e.S3_ENDPOINT!,
          region: e.S3_REGION,
          bucket: e.S3_BUCKET,
          accessKey: e.S3_ACCESS_KEY ?? '',
          secretKey: e.S3_SECRET_KEY ?? '',
          /** Circuit breaker around S3: a call slower than this fails, and an open circuit retries after resetMs. */
          timeoutMs: e.S3_TIMEOUT_MS,
          circuitResetMs: e.S3_CIRCUIT_RESET_MS,
        }
      : { kind: 'local' as const, directory: path.join(dataDir, 'blobs') },
    mail: e.SMTP_URL
      ? {
          kind: 'smtp' as const,
          url: e.SMTP_URL,
          from: e.MAIL_FROM,
          maxConnections: e.SMTP_MAX_CONNECTIONS,
          timeoutMs: e.SMTP_TIMEOUT_MS,
        }
      : { kind: 'file' as const, directory: path.join(dataDir, 'mail'), from: e.MAIL_FROM },
    /** The home feed and trending posts (docs/feed.md). */
    feed: {
      /** Read by the feed migration when it first runs (see feedPartitions). */
      partitions: e.FEED_PARTITIONS,
      cacheSize: e.FEED_CACHE_SIZE,
      cacheTtlSeconds: e.FEED_CACHE_TTL_SECONDS,
      postTtlSeconds: e.FEED_POST_CACHE_TTL_SECONDS,
      authorTtlSeconds: e.FEED_AUTHOR_CACHE_TTL_SECONDS,
      likeCountTtlSeconds: e.FEED_LIKE_COUNT_CACHE_TTL_SECONDS,
      celebrityFollowers: e.FEED_CELEBRITY_FOLLOWERS,
      fanOutChunk: e.FEED_FANOUT_CHUNK,
      backfillPosts: e.FEED_BACKFILL_POSTS,
      popular: {
        windowHours: e.FEED_POPULAR_WINDOW_HOURS,
        halfLifeHours: e.FEED_POPULAR_HALF_LIFE_HOURS,
        cacheSize: e.FEED_POPULAR_CACHE_SIZE,
      },
    },
    /** How long an Idempotency-Key and the response it replays are kept. */
    idempotency: { keyTtlMs: e.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000 },
    /** The daily digest run: when (cron in a time zone), in what batches, how long its records are kept. */
    digest: {
      cron: e.DIGEST_CRON,
      timeZone: e.DIGEST_TIME_ZONE,
      batchSize: e.DIGEST_BATCH_SIZE,
      catchUpMs: e.DIGEST_CATCH_UP_HOURS * 3_600_000,
      retentionDays: e.DIGEST_RETENTION_DAYS,
    },
  };
}
