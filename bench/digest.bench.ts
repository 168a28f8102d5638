/**
 * npm run bench:digest — the daily digest over BENCH_DIGEST_USERS users (default 100 000)
 * end to end: the run (keyset batches, aggregation, one outbox event per user) and the
 * worker (outbox relay → RabbitMQ → mailer → SMTP server), on the real PostgreSQL and
 * RabbitMQ, with an SMTP server in a child process. In the same run, two baselines: the
 * scheduler alone (its time and memory, the mailer not competing for the CPU), and the
 * bare SMTP send (the same nodemailer pool, pre-rendered messages, no database or broker).
 *
 * Every user must receive exactly one message: the sink counts them and the bench fails
 * otherwise. Environment: BENCH_DIGEST_USERS, BENCH_BASELINE_MAILS (default 20 000),
 * DATABASE_ADMIN_URL, AMQP_URL.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SmtpMailer } from '#adapters/mail/smtp-mailer.ts';
import { DailyDigestJob } from '#adapters/scheduler/daily-digest.job.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import { EventHandlers, type EventHandler } from '#application/messaging/event-handler.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';
import { seedDigestWorld } from './support/digest-seed.ts';
import { machine, summarise, table, type Summary } from './support/stats.ts';
import { deleteRabbitNamespace } from '../test/support/rabbitmq-cleanup.ts';
import { testConfig } from '../test/support/test-config.ts';

const USERS = Number(process.env.BENCH_DIGEST_USERS ?? 100_000);
const BASELINE_MAILS = Number(process.env.BENCH_BASELINE_MAILS ?? 20_000);
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const PREFETCH = Number(process.env.BENCH_PREFETCH ?? 32);
const SMTP_CONNECTIONS = Number(process.env.BENCH_SMTP ?? 8);

// Bounded whatever happens: 12 ms per user end to end is the worst case allowed.
const budgetMs = 180_000 + USERS * 12 + BASELINE_MAILS * 2;
const watchdog = setTimeout(() => {
  console.error(`bench:digest exceeded its ${Math.round(budgetMs / 1000)} s budget`);
  process.exit(3);
}, budgetMs);
watchdog.unref();

interface Memory {
  peakRssMb: number;
  peakHeapMb: number;
  /** Heap still in use after the work and a full GC, compared with before it. */
  retainedHeapMb: number;
}

async function main(): Promise<void> {
  const name = `rookery_bench_digest_${process.pid}`;
  await admin(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-bench-digest-'));
  const namespace = `bench-digest-${randomUUID().slice(0, 8)}`;
  const sink = await startSink();
  let rookery: RunningRookery | undefined;
  let consumers: string[] = [];
  try {
    const config = testConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      DATABASE_POOL_MAX: process.env.BENCH_POOL ?? '20',
      MIGRATE_ON_START: 'true',
      AMQP_URL: amqpUrl,
      AMQP_NAMESPACE: namespace,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      SMTP_MAX_CONNECTIONS: String(SMTP_CONNECTIONS),
      EVENT_PREFETCH: String(PREFETCH),
      OUTBOX_BATCH_SIZE: '1000',
      DIGEST_BATCH_SIZE: '500',
      DIGEST_CATCH_UP_HOURS: '0',
      LOG_LEVEL: 'warn',
    });
    const today = DigestDate.containing(new Date(), 'UTC');
    const [alone, endToEnd] = [today.plusDays(1), today.plusDays(2)];

    // 1. The scheduler alone (as a `scheduler` pod runs it): time and memory.
    rookery = await startRookery(['scheduler'], { config });
    console.log(`seeding ${USERS} users with tasks, follows, posts and likes…`);
    const seeded = await seedDigestWorld(url.toString(), USERS, endToEnd.window('UTC'));
    console.log(`seeded in ${seeded.seconds.toFixed(1)} s: ${JSON.stringify(seeded.rows)}`);
    const job = rookery.container.get(DailyDigestJob);
    const schedulerOnly = await measured(() => job.runFor(alone));
    if (schedulerOnly.result.digestsRequested !== USERS)
      throw new Error('the run did not request every digest');
    // Those events are not for sending: the end-to-end phase sends its own date.
    await rookery.infra.orm.em
      .fork()
      .execute("delete from outbox where type = 'email.daily_digest.requested'");
    await rookery.stop();
    rookery = undefined;

    // 2. End to end: the worker running while the run publishes, until the SMTP server has every mail.
    rookery = await startRookery(['worker'], { config });
    consumers = rookery.container.getAll<EventHandler>(EventHandlers).map((h) => h.consumer);
    const started = performance.now();
    const e2e = await measured(async () => {
      const report = await rookery!.container.get(DailyDigestJob).runFor(endToEnd);
      const runSeconds = (performance.now() - started) / 1000;
      await sink.until(USERS);
      return { report, runSeconds };
    });
    const e2eSeconds = (performance.now() - started) / 1000;
    const latencies = await sink.latencies();
    if (sink.accepted !== USERS)
      throw new Error(`the SMTP server accepted ${sink.accepted} mails for ${USERS} users`);
    const [sent] = await rookery.infra.orm.em
      .fork()
      .execute<{ n: string }[]>('select count(distinct event_id) as n from sent_mails');
    if (Number(sent!.n) !== USERS) throw new Error(`sent_mails holds ${sent!.n} events for ${USERS} users`);
    const breakdown = meanDurations(await (await fetch(`${rookery.url}/metrics`)).text());
    await rookery.stop();
    rookery = undefined;

    // 3. Baseline: the bare SMTP send, same pool size and concurrency, no database or broker.
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${sink.port}`, 'Rookery <no-reply@bench.test>', {
      maxConnections: SMTP_CONNECTIONS,
    });
    const ids = new UuidV7IdGenerator();
    const baselineLatencies: number[] = [];
    const baselineStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: PREFETCH }, async () => {
        while (next < BASELINE_MAILS) {
          next++;
          const t0 = performance.now();
          await mailer.send({
            id: ids.next(),
            to: `u${next}@bench.test`,
            subject: 'Your Rookery digest: 2 open tasks',
            text: 'Hello,\n- Task 2\n- Task 3\n',
            html: '<p>Hello,</p><ul><li>Task 2</li><li>Task 3</li></ul>',
            unsubscribeUrl: 'http://localhost:3000/api/v1/digest/unsubscribe?token=x',
          });
          baselineLatencies.push(performance.now() - t0);
        }
      }),
    );
    const baselineSeconds = (performance.now() - baselineStart) / 1000;
    mailer.close();
    await sink.latencies(); // discard

    await report({
      seeded,
      schedulerOnly: { seconds: schedulerOnly.seconds, memory: schedulerOnly.memory },
      e2e: {
        seconds: e2eSeconds,
        runSeconds: e2e.result.runSeconds,
        memory: e2e.memory,
        latencies,
        breakdown,
      },
      baseline: summarise(
        `bare SMTP send (nodemailer pool, ${SMTP_CONNECTIONS} connections)`,
        baselineLatencies,
        baselineSeconds,
      ),
    });
  } finally {
    await rookery?.stop().catch(() => {});
    await deleteRabbitNamespace(amqpUrl, namespace, consumers, testConfig({}).events.retryDelaysMs).catch(
      () => {},
    );
    sink.stop();
    await admin(`drop database if exists "${name}" with (force)`);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs `work` sampling the process's memory every 50 ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; memory: Memory }> {
  global.gc?.();
  const before = process.memoryUsage();
  const memory = { peakRssMb: 0, peakHeapMb: 0, retainedHeapMb: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    memory.peakRssMb = Math.max(memory.peakRssMb, now.rss / 2 ** 20);
    memory.peakHeapMb = Math.max(memory.peakHeapMb, now.heapUsed / 2 ** 20);
  };
  const timer = setInterval(sample, 50);
  const start = performance.now();
  try {
    const result = await work();
    sample();
    global.gc?.();
    memory.retainedHeapMb = (process.memoryUsage().heapUsed - before.heapUsed) / 2 ** 20;
    return { result, seconds: (performance.now() - start) / 1000, memory };
  } finally {
    clearInterval(timer);
  }
}

interface Report {
  seeded: Awaited<ReturnType<typeof seedDigestWorld>>;
  schedulerOnly: { seconds: number; memory: Memory };
  e2e: { seconds: number; runSeconds: number; memory: Memory; latencies: number[]; breakdown: string };
  baseline: Summary;
}

async function report(r: Report): Promise<void> {
  const perMillion = (seconds: number) => `${((seconds * 1_000_000) / USERS / 60).toFixed(1)} min`;
  const mb = (m: Memory) =>
    `peak RSS ${m.peakRssMb.toFixed(0)} MB, peak heap ${m.peakHeapMb.toFixed(0)} MB, retained ${m.retainedHeapMb.toFixed(1)} MB`;
  const e2eSummary = summarise(
    `digest event → SMTP accepted (${USERS} users, end to end)`,
    r.e2e.latencies,
    r.e2e.seconds,
  );
  console.log(`\n## bench:digest — ${USERS} users (${await machine()})\n`);
  console.log('| phase | seconds | users/s | memory | 1M users (extrapolated) |\n|---|---:|---:|---|---:|');
  console.log(
    `| scheduler run alone (${USERS} users, batches of 500) | ${r.schedulerOnly.seconds.toFixed(1)} | ${(USERS / r.schedulerOnly.seconds).toFixed(0)} | ${mb(r.schedulerOnly.memory)} | ${perMillion(r.schedulerOnly.seconds)} |`,
  );
  console.log(
    `| end to end: run + relay + RabbitMQ + mailer + SMTP | ${r.e2e.seconds.toFixed(1)} | ${(USERS / r.e2e.seconds).toFixed(0)} | ${mb(r.e2e.memory)} | ${perMillion(r.e2e.seconds)} |`,
  );
  console.log(
    `| (of which the run, sharing the CPU with the worker) | ${r.e2e.runSeconds.toFixed(1)} | | | |`,
  );
  console.log(`\n${table([e2eSummary, r.baseline], 'mails/s')}\n`);
  console.log(`Mean time in hand per delivery (worker metrics): ${r.e2e.breakdown}.`);
  console.log(
    `End to end runs at ${((e2eSummary.throughput / r.baseline.throughput) * 100).toFixed(0)}% of the bare SMTP send rate.`,
  );
}

/** Mean seconds per observation of the worker's duration histograms, e.g. `digest-mailer 0.180 s`. */
function meanDurations(metrics: string): string {
  const mean = (name: string, label: string) => {
    const value = (kind: string) =>
      Number(new RegExp(`^${name}_${kind}\\{[^}]*${label}[^}]*\\} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    return (value('sum') / value('count')).toFixed(3);
  };
  return [
    `digest-mailer handler ${mean('event_handler_duration_seconds', 'consumer="digest-mailer"')} s`,
    `activity handler ${mean('event_handler_duration_seconds', 'consumer="activity"')} s`,
    `SMTP accept ${mean('mail_send_duration_seconds', 'outcome="sent"')} s`,
  ].join(', ');
}

async function startSink() {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'support/smtp-sink.ts'), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let accepted = 0;
  let waiting: ((value: number[]) => void) | null = null;
  const port = await new Promise<number>((resolve) =>
    child.on('message', (message: { port?: number; accepted?: number; latencies?: number[] }) => {
      if (message.port) resolve(message.port);
      if (message.accepted !== undefined) accepted = message.accepted;
      if (message.latencies) waiting?.(message.latencies);
    }),
  );
  return {
    port,
    get accepted() {
      return accepted;
    },
    async until(count: number) {
      while (accepted < count) await new Promise((r) => setTimeout(r, 100));
    },
    latencies: () =>
      new Promise<number[]>((resolve) => {
        waiting = resolve;
        child.send('latencies');
      }),
    stop: () => child.send('stop'),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
