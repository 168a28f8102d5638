import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';
import { givenApiUsers } from '../../support/digest-e2e.ts';
import { until } from '../../support/event-backbone.ts';
import { folderMailbox } from '../../support/mail/mailbox.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { projectRoot, startRookeryProcess } from '../../support/rookery-process.ts';
import { testConfig } from '../../support/test-config.ts';

const blank = {
  DATABASE_URL: '',
  REDIS_URL: '',
  AMQP_URL: '',
  S3_ENDPOINT: '',
  SMTP_URL: '',
  OTEL_EXPORTER_OTLP_ENDPOINT: '',
};
const today = () => DigestDate.containing(new Date(), 'UTC');

describe('the scheduler role on PostgreSQL', () => {
  let db: TestDatabase;
  let dataDir: string;
  let scheduler: RunningRookery | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-scheduler-'));
  });
  afterAll(async () => {
    await scheduler?.stop();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the digest on its cron and publishes one event per user through the outbox, sending no mail itself', async () => {
    const config = (cron: string) =>
      testConfig({
        DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        MIGRATE_ON_START: 'true',
        DIGEST_CRON: cron,
        DIGEST_CATCH_UP_HOURS: '0',
      });
    const seeding = await startRookery(['api'], { config: config('0 0 1 1 *') });
    await givenApiUsers(seeding, 12);
    await seeding.stop();

    scheduler = await startRookery(['scheduler'], { config: config('* * * * * *') }); // every second
    const sql = async (query: string) =>
      scheduler!.infra.orm.em.fork().execute<Record<string, unknown>[]>(query);
    const run = await until(
      async () =>
        (
          await sql(`select status, users_processed from digest_runs where digest_date = '${today().value}'`)
        )[0],
      (row) => row?.status === 'completed',
      20_000,
    );
    expect(run).toEqual({ status: 'completed', users_processed: 12 });
    await new Promise((r) => setTimeout(r, 2_500)); // more firings: the finished date publishes nothing more
    const [events] = await sql(
      "select count(*) as n from outbox where type = 'email.daily_digest.requested'",
    );
    expect(Number(events!.n)).toBe(12);
    expect(await sql("select * from processed_events where consumer = 'digest-mailer'")).toEqual([]);
    const metrics = await (await fetch(`${scheduler.url}/metrics`)).text();
    expect(metrics).toMatch(/digests_requested_total\{[^}]*\} 12/);
    expect(metrics).toMatch(/digest_users_processed_total\{[^}]*\} 12/);
    expect(metrics).toMatch(/digest_run_duration_seconds_count\{[^}]*outcome="completed"[^}]*\} [1-9]/);
  }, 60_000);
});

describe('rookery digest:run, the one-shot for a Kubernetes CronJob', () => {
  let db: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-digest-cli-'));
    const seeding = await startRookery(['api'], {
      config: testConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, MIGRATE_ON_START: 'true' }),
    });
    await givenApiUsers(seeding, 9);
    await seeding.stop();
  }, 60_000);
  afterAll(async () => {
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const rookery = (...args: string[]) => {
    const run = spawnSync(
      path.join(projectRoot, 'node_modules/.bin/node'),
      ['src/bootstrap/cli.ts', ...args],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          DATABASE_URL: db.url,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'error',
          DIGEST_BATCH_SIZE: '4',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return {
      status: run.status,
      stderr: run.stderr,
      json: run.status === 0 ? (JSON.parse(run.stdout) as Record<string, unknown>) : null,
    };
  };

  it('requests one date, then publishes nothing more for it', () => {
    expect(rookery('digest:run', '--date', '2026-12-01')).toMatchObject({
      status: 0,
      json: { date: '2026-12-01', status: 'completed', usersProcessed: 9, digestsRequested: 9 },
    });
    expect(rookery('digest:run', '--date', '2026-12-01').json).toMatchObject({
      usersProcessed: 0,
      digestsRequested: 0,
    });
    expect(rookery('digest:status', '--date', '2026-12-01').json).toMatchObject({
      date: '2026-12-01',
      status: 'completed',
      usersProcessed: 9,
      digestsRequested: 9,
    });
  }, 60_000);

  it('skips a date, and resends one on request', () => {
    expect(rookery('digest:skip', '--date', '2026-12-02').json).toEqual({
      date: '2026-12-02',
      status: 'skipped',
    });
    expect(rookery('digest:run', '--date', '2026-12-02').json).toMatchObject({
      status: 'skipped',
      digestsRequested: 0,
    });
    expect(rookery('digest:run', '--date', '2026-12-01', '--resend').json).toMatchObject({
      status: 'completed',
      digestsRequested: 9,
      forgotten: 9,
    });
  }, 60_000);

  it('refuses a malformed date with its error code', () => {
    const run = rookery('digest:run', '--date', '2026-02-30');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('digest.date_invalid');
  });
});

describe('npm start (embedded): the scheduler runs in-process and the file mailer writes .eml files', () => {
  let dataDir: string;
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('catches up a run missed while it was down and mails every user', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-embedded-digest-'));
    const seeding = await startRookery(['api'], { config: testConfig({ ...blank, DATA_DIR: dataDir }) });
    await givenApiUsers(seeding, 6);
    await seeding.stop();

    // The daily run was due two minutes ago, while nothing was running.
    const due = new Date(Date.now() - 120_000);
    const cron = `${due.getUTCMinutes()} ${due.getUTCHours()} * * *`;
    const rookery = await startRookeryProcess('start', {
      ...blank,
      DATA_DIR: dataDir,
      DIGEST_CRON: cron,
      DIGEST_TIME_ZONE: 'UTC',
      DIGEST_CATCH_UP_HOURS: '1',
      BUS_POLL_INTERVAL_MS: '50',
    });
    try {
      const mails = await until(
        () => folderMailbox(path.join(dataDir, 'mail')).messages(),
        (m) => m.length >= 6,
        40_000,
      );
      expect(mails).toHaveLength(6);
      expect(new Set(mails.map((m) => m.to)).size).toBe(6);
      expect(rookery.logs.find((l) => l.message === 'catching up a recent run')).toBeDefined();
      expect(rookery.logs.find((l) => l.message === 'digest run finished')).toMatchObject({
        digests_requested: 6,
      });
    } finally {
      expect(await rookery.stop('SIGTERM')).toBe(0);
    }
  }, 90_000);
});
