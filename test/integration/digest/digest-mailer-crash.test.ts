import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Orm } from '#adapters/postgres/database.ts';
import { PostgresOutboxEventPublisher } from '#adapters/postgres/messaging/postgres-outbox-event-publisher.ts';
import { PostgresUnitOfWork } from '#adapters/postgres/postgres-unit-of-work.ts';
import { PostgresUserRepository } from '#adapters/postgres/users/postgres-user.repository.ts';
import { UuidV7IdGenerator } from '#adapters/system/uuid-v7-id-generator.ts';
import { composeDailyDigest, dailyDigestRequested, noActivity } from '#domain/digest/daily-digest.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';
import { aUser } from '../../support/builders/user.builder.ts';
import { until } from '../../support/event-backbone.ts';
import { parseDelivered } from '../../support/mail/parse-delivered.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/mail/smtp-test-server.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { projectRoot } from '../../support/rookery-process.ts';
import { services } from '../../support/services.ts';

const EVENTS = 20;

/**
 * The mailer killed after the SMTP server accepted a digest but before its transaction
 * committed and RabbitMQ got the ack: the redelivered event must not be mailed again.
 * Real processes, PostgreSQL, RabbitMQ and SMTP; every event id counted.
 */
describe('the digest mailer killed after sending, before acknowledging', () => {
  let db: TestDatabase;
  let orm: Orm;
  let smtp: SmtpTestServer;
  let dataDir: string;
  const namespace = `crash-${randomUUID().slice(0, 8)}`;
  let consumers: string[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    [db, smtp] = [await createTestDatabase(), await startSmtpTestServer()];
    orm = await openDatabase({ kind: 'postgres', url: db.url, poolMax: 4, statementTimeoutMs: 30_000 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-crash-'));
  });
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await deleteRabbitNamespace(services.amqpUrl, namespace, consumers, [100, 200]).catch(() => {});
    await orm.close();
    await smtp.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  function startWorker(killAfterSend: boolean) {
    const child = spawn(
      path.join(projectRoot, 'node_modules/.bin/node'),
      ['test/support/digest-mail-worker.ts'],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          PORT: '0',
          LOG_LEVEL: 'warn',
          DATA_DIR: dataDir,
          DATABASE_URL: db.url,
          AMQP_URL: services.amqpUrl,
          AMQP_NAMESPACE: namespace,
          SMTP_URL: smtp.url,
          EVENT_PREFETCH: '1', // one message in hand: the kill lands on exactly one, after its send
          EVENT_RETRY_DELAYS_MS: '100,200',
          DIGEST_CATCH_UP_HOURS: '0',
          KILL_AFTER_SEND: killAfterSend ? '1' : '0',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(child);
    const lines: Record<string, unknown>[] = [];
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.startsWith('{"ready"') || line.startsWith('{"killed_after"')) lines.push(JSON.parse(line));
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    return { child, lines, exited };
  }

  const count = async (sql: string) => Number((await orm.em.fork().execute<{ n: string }[]>(sql))[0]!.n);

  it('mails every digest exactly once, the killed one included', async () => {
    const users = Array.from({ length: EVENTS }, () => aUser({ emailVerified: true }));
    const uow = new PostgresUnitOfWork(orm.em);
    const repository = new PostgresUserRepository(orm.em);
    const outbox = new PostgresOutboxEventPublisher(orm.em, new UuidV7IdGenerator());
    const date = DigestDate.parse('2026-11-23');
    const eventIds = await uow.transaction(async () => {
      for (const user of users) await repository.add(user);
      return outbox.publish(
        users.map((u) =>
          dailyDigestRequested(
            composeDailyDigest(
              { userId: u.id, email: u.email, displayName: u.displayName },
              date,
              { total: 2, done: 1, undoneTitles: ['the one left'] },
              noActivity,
            ),
            new Date(),
          ),
        ),
      );
    });

    const doomed = startWorker(true);
    expect(await doomed.exited).toBe('SIGKILL');
    const killedAfter = doomed.lines.find((l) => l.killed_after)?.killed_after as string;
    expect(eventIds).toContain(killedAfter);
    consumers = (doomed.lines.find((l) => l.ready)?.consumers as string[]) ?? [];
    // The state the kill left: the mail accepted and recorded as sent, nothing processed or acknowledged.
    const accepted = await Promise.all(smtp.received.map((raw) => parseDelivered(raw)));
    expect(accepted.map((m) => m.id)).toEqual([killedAfter]);
    expect(await count(`select count(*) as n from sent_mails where event_id = '${killedAfter}'`)).toBe(1);
    expect(await count("select count(*) as n from processed_events where consumer = 'digest-mailer'")).toBe(
      0,
    );

    const survivor = startWorker(false);
    await until(
      () => count("select count(*) as n from processed_events where consumer = 'digest-mailer'"),
      (n) => n >= EVENTS,
      60_000,
    );
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);

    const delivered = await Promise.all(smtp.received.map((raw) => parseDelivered(raw)));
    const perEvent = new Map<string, number>();
    for (const mail of delivered) perEvent.set(mail.id, (perEvent.get(mail.id) ?? 0) + 1);
    expect([...perEvent.keys()].sort()).toEqual([...eventIds].sort());
    expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
    expect(delivered).toHaveLength(EVENTS);
    expect(new Set(delivered.map((m) => m.to))).toEqual(new Set(users.map((u) => u.email)));
  }, 120_000);
});
