import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ServerOptions {
  databaseUrl: string;
  keysDir: string;
  redisUrl: string;
  redisPrefix: string;
  amqpUrl: string;
  namespace: string;
  issuer: string;
  celebrityFollowers: number;
  /** `api,worker` (the default) or `api` alone (a second API replica on the same caches). */
  roles?: string;
  /**
   * `lifted`: the API's rate limits off (one address, thousands of users at full speed);
   * `counted`: every limit evaluated on every request, with budgets too large to refuse —
   * what the limits cost in production.
   */
  rateLimits: 'lifted' | 'counted';
}

export interface BenchServer {
  child: ChildProcess;
  url: string;
  consumers: string[];
}

const LIMITED_GROUPS = ['api.per_ip', 'api.per_user', 'writes.per_user', 'feed.per_ip', 'feed.per_user'];
const REPO = path.join(import.meta.dirname, '../..');

/**
 * Starts bench/support/feed-bench-server.ts in a child process, as production starts the
 * API: with the OpenTelemetry loader (`--import …/telemetry/register.ts`, spans recorded,
 * not exported) unless BENCH_TELEMETRY=0. BENCH_SERVER_NODE_ARGS adds node flags
 * (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
export async function startServer(o: ServerOptions): Promise<BenchServer> {
  const budget = o.rateLimits === 'lifted' ? 0 : 999_999_999;
  const nodeArgs = [
    ...(process.env.BENCH_TELEMETRY === '0' ? [] : ['--import', './src/bootstrap/telemetry/register.ts']),
    ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, 'bench/support/feed-bench-server.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_ROLES: o.roles ?? 'api,worker',
      DATABASE_URL: o.databaseUrl,
      DATABASE_POOL_MAX: '20',
      MIGRATE_ON_START: 'false',
      REDIS_URL: o.redisUrl,
      REDIS_KEY_PREFIX: o.redisPrefix,
      AMQP_URL: o.amqpUrl,
      AMQP_NAMESPACE: o.namespace,
      EVENT_RETRY_DELAYS_MS: '1000,5000',
      OUTBOX_POLL_INTERVAL_MS: '200',
      JWT_KEYS_DIR: o.keysDir,
      JWT_ISSUER: o.issuer,
      PORT: '0',
      LOG_LEVEL: 'warn',
      S3_ENDPOINT: '',
      SMTP_URL: '',
      DATA_DIR: o.keysDir,
      FEED_CELEBRITY_FOLLOWERS: String(o.celebrityFollowers),
      API_RATE_LIMITS: LIMITED_GROUPS.map((g) => `${g}=${budget}`).join(','),
      AUTH_RATE_LIMIT_POINTS: '100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [url, consumers] = await new Promise<[string, string[]]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /BENCH_READY (\S+) (\S*)/.exec(chunk.toString('utf8'));
      if (match) {
        clearTimeout(timer);
        resolve([match[1]!, match[2]!.split(',').filter(Boolean)]);
      }
    });
  });
  return { child, url, consumers };
}

/** SIGTERM, then up to 30 s for a graceful stop (SIGKILL after that). */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
