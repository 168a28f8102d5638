import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRookery, type RunningRookery } from '#bootstrap/runtime.ts';
import { apiClient, type Json } from '../../support/identity-api.ts';
import { folderMailbox, smtpMailbox, type Mailbox, type ReceivedMail } from '../../support/mail/mailbox.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/mail/smtp-test-server.ts';
import { createTestDatabase } from '../../support/postgres.ts';
import { services } from '../../support/services.ts';
import { testConfig } from '../../support/test-config.ts';

const modes = [
  [
    'embedded (PGlite, embedded bus, .eml files)',
    async (dataDir: string) => ({
      env: {} as Record<string, string>,
      mailbox: folderMailbox(path.join(dataDir, 'mail')) as Mailbox,
      drop: async () => {},
    }),
  ],
  [
    'full (PostgreSQL, RabbitMQ, Redis, SMTP)',
    async () => {
      const [db, smtp]: [Awaited<ReturnType<typeof createTestDatabase>>, SmtpTestServer] = [
        await createTestDatabase(),
        await startSmtpTestServer(),
      ];
      return {
        env: {
          DATABASE_URL: db.url,
          AMQP_URL: services.amqpUrl,
          AMQP_NAMESPACE: `e2e-${randomUUID().slice(0, 8)}`,
          REDIS_URL: services.redisUrl,
          REDIS_KEY_PREFIX: `rookery-e2e-${randomUUID().slice(0, 8)}:`,
          SMTP_URL: smtp.url,
        } as Record<string, string>,
        mailbox: smtpMailbox(smtp) as Mailbox,
        drop: async () => {
          await smtp.close();
          await db.drop();
        },
      };
    },
  ],
] as const;

for (const [mode, prepare] of modes) {
  describe(`e-mail verification end to end, ${mode}`, () => {
    let rookery: RunningRookery;
    let dataDir: string;
    let env: Awaited<ReturnType<(typeof modes)[number][1]>>;
    let call: ReturnType<typeof apiClient>;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'rookery-verify-'));
      env = await prepare(dataDir);
      rookery = await startRookery(['api', 'worker'], {
        config: testConfig({
          DATA_DIR: dataDir,
          MIGRATE_ON_START: 'true',
          BUS_POLL_INTERVAL_MS: '50',
          AUTH_RATE_LIMIT_POINTS: '10000',
          PUBLIC_URL: 'http://rookery.test',
          ...env.env,
        }),
      });
      call = apiClient(rookery.url);
    }, 60_000);
    afterAll(async () => {
      await rookery?.stop();
      await env?.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    const signUp = async () => {
      const id = randomUUID().slice(0, 8);
      const email = `verify_${id}@example.com`;
      const answer = await call('POST', '/api/v1/auth/register', {
        body: { email, password: 'correct horse', handle: `verify_${id}` },
      });
      expect(answer.status).toBe(201);
      return { email, token: answer.body.access_token as string, user: answer.body.user as Json };
    };
    const mailsTo = async (email: string, count: number): Promise<ReceivedMail[]> => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const mails = (await env.mailbox.messages()).filter((m) => m.to === email);
        if (mails.length >= count || Date.now() > deadline) return mails;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const tokenIn = (mail: ReceivedMail) => {
      const link = /http:\/\/rookery\.test\/web\/verify-email#token=[\w.-]+/.exec(mail.text)![0];
      return new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
    };
    const me = async (token: string) => (await call('GET', '/api/v1/me', { token })).body;

    it('mails a signed link at sign-up; the page posts it once and the account is verified', async () => {
      const { email, token, user } = await signUp();
      expect(user.email_verified).toBe(false);
      const [mail] = await mailsTo(email, 1);
      expect(mail).toMatchObject({ subject: 'Confirm your e-mail address for Rookery' });
      expect(mail!.html).toContain('href="http://rookery.test/web/verify-email#token');

      const page = await fetch(`${rookery.url}/web/verify-email`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Confirm my e-mail address');

      const verifyToken = tokenIn(mail!);
      const verified = await call('POST', '/api/v1/auth/verify-email', { body: { token: verifyToken } });
      expect(verified).toMatchObject({ status: 200, body: { email_verified: true } });
      expect(await me(token)).toMatchObject({ email_verified: true });
      const again = await call('POST', '/api/v1/auth/verify-email', { body: { token: verifyToken } });
      expect(again).toMatchObject({ status: 409, body: { code: 'auth.verification_link_used' } });
    });

    it('refuses a tampered or foreign token with a precise 400', async () => {
      const { email } = await signUp();
      const [mail] = await mailsTo(email, 1);
      const token = tokenIn(mail!);
      for (const bad of [
        `${token.slice(0, -3)}AAA`,
        `${randomUUID()}.${token.split('.')[1]}.${token.split('.')[2]}`,
        'x',
      ]) {
        const answer = await call('POST', '/api/v1/auth/verify-email', { body: { token: bad } });
        expect(answer).toMatchObject({ status: 400, body: { code: 'auth.verification_link_invalid' } });
      }
    });

    it('re-sends on request, limited per user, and not once verified', async () => {
      const { email, token } = await signUp();
      const resend = () => call('POST', '/api/v1/me/email-verification', { token });
      const first = await resend();
      expect(first.status).toBe(202);
      expect(Date.parse(first.body.expires_at as string)).toBeGreaterThan(Date.now());
      const mails = await mailsTo(email, 2);
      expect(mails).toHaveLength(2);
      expect((await resend()).status).toBe(202);
      expect((await resend()).status).toBe(202);
      const limited = await resend();
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'request.rate_limited' });

      await call('POST', '/api/v1/auth/verify-email', { body: { token: tokenIn(mails[1]!) } });
      expect(await me(token)).toMatchObject({ email_verified: true });
    });

    it('answers 409 to a re-send for a verified address', async () => {
      const { email, token } = await signUp();
      const [mail] = await mailsTo(email, 1);
      await call('POST', '/api/v1/auth/verify-email', { body: { token: tokenIn(mail!) } });
      const answer = await call('POST', '/api/v1/me/email-verification', { token });
      expect(answer).toMatchObject({ status: 409, body: { code: 'auth.email_already_verified' } });
    });
  });
}
