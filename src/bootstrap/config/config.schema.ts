import { Cron } from 'croner';
import { z } from 'zod';
import {
  RATE_LIMIT_GROUPS,
  type RateLimitOverrides,
  type RateLimitScope,
} from '#adapters/http/rate-limit/api-rate-limits.ts';

const flag = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected one of true, false, 1, 0, yes, no' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
const bool = (fallback: boolean) => flag().default(fallback);

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: `expected an integer between ${min} and ${max}` })
    .int({ error: `expected an integer between ${min} and ${max}` })
    .min(min, { error: `expected an integer between ${min} and ${max}` })
    .max(max, { error: `expected an integer between ${min} and ${max}` })
    .default(fallback);

const url = (protocols: string[]) =>
  z
    .url({ error: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` })
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
      error: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });

const delays = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(
      (v) => v.split(',').every((d) => /^\d+$/.test(d.trim()) && Number(d) > 0 && Number(d) <= 86_400_000),
      {
        error: 'expected a comma-separated list of delays in milliseconds, e.g. 1000,5000,30000',
      },
    )
    .transform((v) => v.split(',').map((d) => Number(d.trim())));

/** Exact origins (scheme, host, port; no path, no wildcard), comma-separated. */
const origins = () =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((o) => URL.canParse(o) && new URL(o).origin === o), {
      error:
        'expected comma-separated origins such as https://app.example.com (scheme and host, no path or *)',
    });

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

function isCron(value: string): boolean {
  try {
    new Cron(value, { paused: true });
    return true;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** `group.per_user=N` / `group.per_ip=N` pairs, comma-separated (N = 0 lifts that limit). */
const rateLimitOverrides = () =>
  z
    .string()
    .default('')
    .transform((raw, ctx) => {
      const overrides: RateLimitOverrides = {};
      for (const entry of raw
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)) {
        const match = /^([a-z-]+)\.(per_user|per_ip)=(\d{1,9})$/.exec(entry);
        const group = RATE_LIMIT_GROUPS.find((g) => g === match?.[1]);
        if (!match || !group) {
          ctx.addIssue({
            code: 'custom',
            message: `expected comma-separated <group>.per_user=<n> or <group>.per_ip=<n>, groups: ${RATE_LIMIT_GROUPS.join(', ')}`,
          });
          return z.NEVER;
        }
        overrides[group] = { ...overrides[group], [match[2] as RateLimitScope]: Number(match[3]) };
      }
      return overrides;
    });

/**
 * OpenID providers as a JSON array. A parse failure is reported under `OIDC_PROVIDERS.json`
 * so that the error message never echoes the value (it holds client secrets).
 */
const ssoProviders = () =>
  z
    .string()
    .default('[]')
    .transform((raw, ctx) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.trim() || '[]');
      } catch {
        parsed = undefined;
      }
      if (Array.isArray(parsed)) return parsed as unknown[];
      ctx.addIssue({ code: 'custom', path: ['json'], message: 'expected a JSON array of providers' });
      return z.NEVER;
    })
    .pipe(
      z.array(
        z
          .object({
            name: z
              .string()
              .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'expected lower-case letters, digits and dashes' })
              .refine((n) => n !== 'dev' && n !== 'exchange', { error: '"dev" and "exchange" are reserved' }),
            label: z.string().min(1).max(60).optional(),
            issuer: z.string().refine(isHttpUrl, { error: 'expected the issuer as an http(s) URL' }),
            client_id: z.string().min(1),
            client_secret: z.string().min(1),
            scopes: z.array(z.string().regex(/^[\x21-\x7e]+$/)).optional(),
          })
          .strict(),
      ),
    );

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** `email:Display Name` pairs, comma-separated. */
const devUsers = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((raw) =>
      raw
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => {
          const [email = '', ...name] = entry.split(':');
          return { email: email.trim().toLowerCase(), name: name.join(':').trim() || email.split('@')[0]! };
        }),
    )
    .refine(
      (users) => users.length > 0 && users.every((u) => /^[^\s@:,]+@[^\s@:,]+\.[^\s@:,]+$/.test(u.email)),
      {
        error: 'expected comma-separated email:Display Name pairs',
      },
    );

/**
 * Every environment variable Rookery reads, with its default. Defaults select the
 * embedded mode; setting a service's URL switches that part to the real service.
 * Documented one by one in docs/configuration.md.
 */
export const environmentSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], { error: 'expected development, test or production' })
    .default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(3000, 0, 65535),
  PUBLIC_URL: optional(url(['http:', 'https:'])),
  TRUST_PROXY: bool(false),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 300_000),
  SHUTDOWN_DRAIN_SECONDS: optional(int(0, 0, 300)),
  READINESS_TIMEOUT_MS: int(2_000, 50, 60_000),
  READINESS_CACHE_MS: int(1_000, 0, 60_000),
  HEALTH_EVENT_LOOP_DELAY_MAX_MS: int(2_000, 10, 60_000),
  HEALTH_POOL_STALL_MS: int(10_000, 100, 600_000),
  HEALTH_CONSUMERS_DETACHED_MS: int(30_000, 100, 600_000),
  METRICS_COLLECT_TIMEOUT_MS: int(1_000, 50, 60_000),
  HTTP_JSON_LIMIT_KB: int(64, 1, 10_240),
  API_RATE_LIMIT_WINDOW_SECONDS: int(60, 1, 86_400),
  API_RATE_LIMITS: rateLimitOverrides(),
  RATE_LIMIT_LEGACY_HEADERS: bool(false),
  CORS_ORIGINS: origins(),

  JWT_ISSUER: optional(url(['http:', 'https:'])),
  JWT_AUDIENCE: z.string().min(1).default('rookery'),
  JWT_ACCESS_TTL_SECONDS: int(900, 60, 86_400),
  JWT_KEYS_DIR: optional(z.string().min(1)),
  JWT_SIGNING_KEY_ID: optional(z.string().min(1)),
  REFRESH_TOKEN_TTL_DAYS: int(30, 1, 365),
  AUTH_RATE_LIMIT_POINTS: int(20, 1, 100_000),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: int(60, 1, 86_400),
  AUTH_MAX_FAILED_LOGINS: int(5, 1, 1_000),
  AUTH_MAX_FAILED_LOGINS_PER_IP: int(50, 1, 100_000),
  AUTH_MAX_FAILED_LOGINS_PER_ACCOUNT: int(100, 1, 1_000_000),
  // At most 24: the in-memory limiter expires keys with a timer, and Node's timers stop at 2^31 ms.
  AUTH_KNOWN_ADDRESS_DAYS: int(14, 1, 24),
  AUTH_FAILED_LOGIN_WINDOW_SECONDS: int(900, 1, 86_400),
  AUTH_FAILED_LOGIN_DELAY_MS: int(250, 0, 10_000),
  OIDC_PROVIDERS: ssoProviders(),
  DEV_IDP_ENABLED: optional(flag()),
  DEV_IDP_USERS: devUsers('ada@rookery.local:Ada Lovelace,grace@rookery.local:Grace Hopper'),

  DATABASE_URL: optional(url(['postgres:', 'postgresql:'])),
  DATABASE_POOL_MAX: int(10, 1, 500),
  DATABASE_STATEMENT_TIMEOUT_MS: int(15_000, 100, 600_000),
  DATABASE_ACQUIRE_TIMEOUT_MS: int(5_000, 100, 120_000),
  MIGRATE_ON_START: optional(flag()),

  REDIS_URL: optional(url(['redis:', 'rediss:'])),
  REDIS_KEY_PREFIX: z.string().default('rookery:'),
  REDIS_COMMAND_TIMEOUT_MS: int(200, 10, 60_000),

  AMQP_URL: optional(url(['amqp:', 'amqps:'])),
  AMQP_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,40}$/, {
      error: 'expected lower-case letters, digits, dots, dashes (≤ 41)',
    })
    .default('rookery'),
  AMQP_CONNECT_TIMEOUT_MS: int(5_000, 100, 120_000),
  EVENT_RETRY_DELAYS_MS: delays('1000,5000,30000,120000,600000'),
  EVENT_PREFETCH: int(16, 1, 1_000),
  EVENT_DELIVERY_LIMIT: int(10, 1, 1_000),
  OUTBOX_BATCH_SIZE: int(200, 1, 5_000),
  OUTBOX_POLL_INTERVAL_MS: int(1_000, 10, 60_000),
  OUTBOX_RETENTION_HOURS: int(168, 1, 8_760),
  BUS_POLL_INTERVAL_MS: int(500, 10, 60_000),

  S3_ENDPOINT: optional(url(['http:', 'https:'])),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'expected a valid S3 bucket name' })
    .default('rookery'),
  S3_ACCESS_KEY: optional(z.string().min(1)),
  S3_SECRET_KEY: optional(z.string().min(1)),
  S3_TIMEOUT_MS: int(10_000, 100, 300_000),
  S3_CIRCUIT_RESET_MS: int(30_000, 100, 3_600_000),

  SMTP_URL: optional(url(['smtp:', 'smtps:'])),
  MAIL_FROM: z.string().min(3).default('Rookery <no-reply@rookery.local>'),
  SMTP_MAX_CONNECTIONS: int(5, 1, 100),
  SMTP_TIMEOUT_MS: int(30_000, 1_000, 600_000),

  DIGEST_CRON: z
    .string()
    .default('0 0 * * *')
    .refine((v) => isCron(v), { error: 'expected a cron expression, e.g. "0 0 * * *" (daily at midnight)' }),
  DIGEST_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine((v) => isTimeZone(v), { error: 'expected an IANA time zone, e.g. UTC or Europe/Paris' }),
  DIGEST_BATCH_SIZE: int(500, 1, 10_000),
  DIGEST_CATCH_UP_HOURS: int(6, 0, 23),
  DIGEST_RETENTION_DAYS: int(30, 2, 3_650),

  IDEMPOTENCY_KEY_TTL_HOURS: int(24, 1, 720),

  FEED_PARTITIONS: int(16, 1, 1_024),
  FEED_CACHE_SIZE: int(800, 20, 10_000),
  FEED_CACHE_TTL_SECONDS: int(86_400, 60, 2_592_000),
  FEED_POST_CACHE_TTL_SECONDS: int(3_600, 1, 604_800),
  FEED_AUTHOR_CACHE_TTL_SECONDS: int(60, 1, 86_400),
  FEED_LIKE_COUNT_CACHE_TTL_SECONDS: int(300, 1, 86_400),
  FEED_CELEBRITY_FOLLOWERS: int(10_000, 0, 1_000_000_000),
  FEED_FANOUT_CHUNK: int(2_000, 1, 100_000),
  FEED_BACKFILL_POSTS: int(100, 0, 10_000),
  FEED_POPULAR_WINDOW_HOURS: int(168, 1, 8_760),
  FEED_POPULAR_HALF_LIFE_HOURS: int(24, 1, 8_760),
  FEED_POPULAR_CACHE_SIZE: int(1_000, 10, 100_000),
});

export type Environment = z.infer<typeof environmentSchema>;
