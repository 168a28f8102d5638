import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DailyDigestJob } from '#adapters/scheduler/daily-digest.job.ts';
import { DeadLetterStore } from '#application/messaging/dead-letter-store.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import {
  composeDailyDigest,
  dailyDigestRequested,
  noActivity,
  noTasks,
} from '#domain/digest/daily-digest.ts';
import { DigestDate } from '#domain/digest/digest-date.ts';
import { api, givenApiUsers, type ApiUser } from '../../support/digest-e2e.ts';
import { until } from '../../support/event-backbone.ts';
import { folderMailbox, smtpMailbox, type Mailbox, type ReceivedMail } from '../../support/mail/mailbox.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/mail/smtp-test-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { deleteRabbitNamespace } from '../../support/rabbitmq-cleanup.ts';
import { services } from '../../support/services.ts';
import { testConfig } from '../../support/test-config.ts';

const N = 25;
const hostileTitle = '<b>Bold</b> & "quoted"';

const modes = [
  [
    'embedded (PGlite, embedded bus, .eml files)',
    async (dataDir: string) => ({
      env: {} as Record<string, string>,
      mailbox: folderMailbox(path.join(dataDir, 'mail')),
      smtp: null as SmtpTestServer | null,
      drop: async () => {},
    }),
  ],
  [
    'full (PostgreSQL, RabbitMQ, SMTP)',
    async () => {
      const [db, smtp] = [await createTestDatabase(), await startSmtpTestServer()];
      return {
        env: {
          DATABASE_URL: db.url,
          AMQP_URL: services.amqpUrl,
          AMQP_NAMESPACE: `e2e-${randomUUID().slice(0, 8)}`,
          SMTP_URL: smtp.url,
        } as Record<string, string>,
        mailbox: smtpMailbox(smtp) as Mailbox,
        smtp: smtp as SmtpTestServer | null,
        drop: async () => {
          await smtp.close();
          await db.drop();
        },
      };
    },
  ],
] as const;

for (const [mode, prepare] of modes) {
  describe(`the daily digest end to end, ${mode}`, () => {
    let rookery: RunningRookery;
    let dataDir: string;
    let env: Awaited<ReturnType<(typeof modes)[number][1]>>;
    let users: ApiUser[];
    let nextDay = 1;
    const today = DigestDate.containing(new Date(), 'UTC');
    /** A date of its own per case; its window (the 24 h before it) holds the activity made "now" only for the first. */
    const freshDate = () => today.plusDays(nextDay++);

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-digest-'));
      env = await prepare(dataDir);
      rookery = await startRookery(['api', 'worker', 'scheduler'], {
        config: testConfig({
          DATA_DIR: dataDir,
          MIGRATE_ON_START: 'true',
          DIGEST_CATCH_UP_HOURS: '0',
          DIGEST_BATCH_SIZE: '7',
          EVENT_RETRY_DELAYS_MS: '200,400,800',
          BUS_POLL_INTERVAL_MS: '50',
          PUBLIC_URL: 'http://rookery.test',
          ...env.env,
        }),
      });
      users = await givenApiUsers(rookery, N);
      // Tasks: user i has i % 5 tasks, the first of them done when there are three or more.
      for (const [i, u] of users.entries()) {
        const titles = Array.from({ length: i % 5 }, (_, t) =>
          i === 4 && t === 1 ? hostileTitle : `task ${t} of user ${i}`,
        );
        for (const [t, title] of titles.entries()) {
          const task = await api(rookery, u, 'POST', '/tasks', { title });
          if (t === 0 && titles.length >= 3)
            await api(rookery, u, 'PATCH', `/tasks/${task!.id}`, { done: true });
        }
      }
      // Activity now: user 0 follows user 1, who posts twice; user 0 likes one of those posts.
      const [reader, author] = [users[0]!, users[1]!];
      await api(rookery, reader, 'PUT', `/users/${author.user.id}/follow`);
      await api(rookery, author, 'POST', '/posts', { text: 'Second <post> of the day' });
      const liked = await api(rookery, author, 'POST', '/posts', { text: 'First post' });
      await api(rookery, reader, 'PUT', `/posts/${liked!.id}/like`);
    }, 90_000);
    afterAll(async () => {
      const consumers = rookery?.container.get<DeadLetterStore>(DeadLetterStore).consumers ?? [];
      await rookery?.stop();
      const amqp = rookery?.config.amqp;
      if (amqp)
        await deleteRabbitNamespace(amqp.url, amqp.namespace, consumers, rookery.config.events.retryDelaysMs);
      await env?.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    const job = () => rookery.container.get(DailyDigestJob);
    const forDate = async (date: DigestDate) =>
      (await env.mailbox.messages()).filter((m) => m.html.includes(formatDay(date)));
    const byRecipient = (mails: ReceivedMail[]) => {
      const grouped = new Map<string, ReceivedMail[]>();
      for (const mail of mails) grouped.set(mail.to, [...(grouped.get(mail.to) ?? []), mail]);
      return grouped;
    };
    const sql = async (query: string, params: unknown[] = []) =>
      rookery.infra.orm.em.fork().execute<Record<string, unknown>[]>(query, params);

    it('delivers exactly one digest per user, with their figures, titles and activity', async () => {
      const date = freshDate();
      const report = await job().runFor(date);
      expect(report).toMatchObject({ status: 'completed', usersProcessed: N, digestsRequested: N });
      // The run only published: its events sit in the outbox, and the worker's mailer sends them.
      const [published] = await sql(
        "select count(*) as n from outbox where type = 'email.daily_digest.requested' and payload->>'digest_date' = ?",
        [date.value],
      );
      expect(Number(published!.n)).toBe(N);

      const mails = await until(
        () => forDate(date),
        (m) => m.length >= N,
        60_000,
      );
      const grouped = byRecipient(mails);
      expect(mails).toHaveLength(N);
      expect(grouped.size).toBe(N);
      for (const [i, { user }] of users.entries()) {
        const [mail] = grouped.get(user.email) ?? [];
        const total = i % 5;
        const done = total >= 3 ? 1 : 0;
        expect(mail?.subject).toBe(
          `Your Rookery digest: ${total - done} open ${total - done === 1 ? 'task' : 'tasks'}`,
        );
        expect(mail?.text).toContain(`${total - done} open · ${done} done · ${total} in total`);
        for (let t = done; t < total; t++) {
          const title = i === 4 && t === 1 ? hostileTitle : `task ${t} of user ${i}`;
          expect(mail?.text).toContain(`- ${title}`);
        }
        if (done) expect(mail?.text).not.toContain(`- task 0 of user ${i}\n`);
        expect(mail?.oneClick).toBe(true);
        expect(mail?.unsubscribeUrl).toMatch(/^http:\/\/rookery\.test\/api\/v1\/digest\/unsubscribe\?token=/);
      }
      const hostile = grouped.get(users[4]!.user.email)![0]!;
      expect(hostile.html).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot;');
      expect(hostile.html).not.toContain('<b>Bold</b>');
      const reader = grouped.get(users[0]!.user.email)![0]!.text;
      expect(reader).toContain('2 new posts from people you follow');
      expect(reader).toContain('Second <post> of the day');
      const author = grouped.get(users[1]!.user.email)![0]!.text;
      expect(author).toContain('1 like on your posts');
      expect(author).toContain(`1 new follower: @${users[0]!.user.handle}`);

      const [processed] = await sql(
        "select count(*) as n from processed_events where consumer = 'digest-mailer'",
      );
      const [sent] = await sql('select count(*) as n from sent_mails');
      expect([Number(processed!.n), Number(sent!.n)]).toEqual([N, N]);
    });

    it('delivers nothing when the same date runs again', async () => {
      const date = today.plusDays(1);
      expect(await job().runFor(date)).toMatchObject({
        status: 'completed',
        usersProcessed: 0,
        digestsRequested: 0,
      });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await forDate(date)).toHaveLength(N);
    });

    it('sends nothing to a user who turned the digest off, even for a digest already requested', async () => {
      const date = freshDate();
      const [quitter] = users.slice(-1);
      expect(await api(rookery, quitter!, 'PATCH', '/me', { digest: false })).toMatchObject({
        digest: false,
      });
      // A digest requested before the opt-out reached the mailer (the race the mailer guards against).
      const late = await rookery.container
        .get<UnitOfWork>(UnitOfWork)
        .transaction(() =>
          rookery.container
            .get<EventPublisher>(EventPublisher)
            .publish([
              dailyDigestRequested(
                composeDailyDigest(
                  { userId: quitter!.user.id, email: quitter!.user.email, displayName: 'x' },
                  date.plusDays(100),
                  noTasks,
                  noActivity,
                ),
                new Date(),
              ),
            ]),
        );
      expect(await job().runFor(date)).toMatchObject({ digestsRequested: N - 1 });
      const mails = await until(
        () => forDate(date),
        (m) => m.length >= N - 1,
        60_000,
      );
      await until(
        async () =>
          (
            await sql(
              "select count(*) as n from processed_events where consumer = 'digest-mailer' and event_id = ?",
              late,
            )
          )[0]!.n,
        (n) => Number(n) === 1,
      );
      expect(mails).toHaveLength(N - 1);
      expect(mails.map((m) => m.to)).not.toContain(quitter!.user.email);
      expect((await env.mailbox.messages()).filter((m) => m.id === late[0])).toEqual([]);
      expect(await api(rookery, quitter!, 'PATCH', '/me', { digest: true })).toMatchObject({ digest: true });
    });

    it("unsubscribes with one click from the mail's List-Unsubscribe link, and a GET only asks", async () => {
      const [mail] = (await env.mailbox.messages()).filter((m) => m.to === users[2]!.user.email);
      const link = mail!.unsubscribeUrl!.replace('http://rookery.test', rookery.url);
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form method="post"');
      const isOn = async () =>
        (await rookery.container.get<UserRepository>(UserRepository).byId(users[2]!.user.id))!.digestEnabled;
      expect(await isOn()).toBe(true);

      const oneClick = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status).toBe(200);
      expect(await isOn()).toBe(false);
      expect((await fetch(link, { method: 'POST' })).status).toBe(200); // repeated: still fine
      const forged = await fetch(link.replace(/token=[^.]+/, `token=${users[3]!.user.id}`), {
        method: 'POST',
      });
      expect(forged.status).toBe(400);

      const date = freshDate();
      await job().runFor(date);
      const mails = await until(
        () => forDate(date),
        (m) => m.length >= N - 1,
        60_000,
      );
      expect(mails.map((m) => m.to)).not.toContain(users[2]!.user.email);
    });

    if (mode.startsWith('full')) {
      it('retries a temporarily refusing SMTP server with backoff and delivers each digest once', async () => {
        const smtp = env.smtp!;
        const date = freshDate();
        const before = smtp.attempts;
        smtp.refuseNext(3, 451);
        const report = await job().runFor(date);
        const mails = await until(
          () => forDate(date),
          (m) => m.length >= report.digestsRequested,
          60_000,
        );
        await new Promise((r) => setTimeout(r, 1_000));
        const grouped = byRecipient(await forDate(date));
        expect(mails.length).toBe(report.digestsRequested);
        expect([...grouped.values()].every((copies) => copies.length === 1)).toBe(true);
        expect(smtp.attempts - before).toBe(report.digestsRequested + 3);
        const metrics = await (await fetch(`${rookery.url}/metrics`)).text();
        expect(metrics).toMatch(/mails_retried_total\{[^}]*\} 3/);
        expect(metrics).toMatch(/mails_failed_total\{[^}]*kind="temporary"[^}]*\} 3/);
        expect(await rookery.container.get<DeadLetterStore>(DeadLetterStore).count('digest-mailer')).toBe(0);
      });

      it('dead-letters a digest the SMTP server refuses permanently (550), after one attempt, unsent', async () => {
        const smtp = env.smtp!;
        const deadLetters = rookery.container.get<DeadLetterStore>(DeadLetterStore);
        const [recipient] = users.slice(5, 6);
        const [attemptsBefore, receivedBefore] = [smtp.attempts, smtp.received.length];
        smtp.refuseNext(1, 550);
        const [eventId] = await rookery.container
          .get<UnitOfWork>(UnitOfWork)
          .transaction(() =>
            rookery.container
              .get<EventPublisher>(EventPublisher)
              .publish([
                dailyDigestRequested(
                  composeDailyDigest(
                    { userId: recipient!.user.id, email: recipient!.user.email, displayName: 'x' },
                    today.plusDays(200),
                    noTasks,
                    noActivity,
                  ),
                  new Date(),
                ),
              ]),
          );
        await until(
          () => deadLetters.count('digest-mailer'),
          (n) => n >= 1,
          30_000,
        );
        // Longer than every retry delay together (200 + 400 + 800 ms): nothing else happens.
        await new Promise((r) => setTimeout(r, 1_600));
        const letters = await deadLetters.list('digest-mailer', 10);
        expect(letters).toEqual([
          expect.objectContaining({
            eventId,
            type: 'email.daily_digest.requested',
            attempts: 1,
            error: expect.stringMatching(/mail\.rejected/),
          }),
        ]);
        expect(smtp.attempts - attemptsBefore).toBe(1); // refused once, never retried
        expect(smtp.received.length).toBe(receivedBefore); // delivered zero times
        expect((await env.mailbox.messages()).filter((m) => m.id === eventId)).toEqual([]);
        const [sent] = await sql('select count(*) as n from sent_mails where event_id = ?', [eventId]);
        expect(Number(sent!.n)).toBe(0);
        const metrics = await (await fetch(`${rookery.url}/metrics`)).text();
        expect(metrics).toMatch(/mails_failed_total\{[^}]*kind="permanent"[^}]*\} 1/);
        await deadLetters.purge('digest-mailer');
      });
    }
  });
}

function formatDay(date: DigestDate): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${date.value}T00:00:00Z`));
}
