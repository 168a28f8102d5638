import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { SmtpMailer } from '#adapters/mail/smtp-mailer.ts';
import { MailRejected, MailTemporarilyRefused, type MailMessage } from '#application/mail/mailer.ts';
import { parseDelivered } from '../../../support/mail/parse-delivered.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../../../support/mail/smtp-test-server.ts';

const aMessage = (): MailMessage => ({
  id: randomUUID(),
  to: 'reader@example.com',
  subject: 'Digest',
  text: 'text',
  html: '<p>html</p>',
});

describe('SmtpMailer against a real SMTP server', () => {
  let server: SmtpTestServer;
  let mailer: SmtpMailer;
  beforeAll(async () => {
    server = await startSmtpTestServer();
    mailer = new SmtpMailer(server.url, 'Rookery <no-reply@rookery.test>', { timeoutMs: 2_000 });
  });
  afterAll(async () => {
    mailer.close();
    await server.close();
  });

  it('resolves only once the server accepted the message', async () => {
    let release!: () => void;
    server.onAccept = () => new Promise<void>((resolve) => (release = resolve));
    let settled = false;
    const sending = mailer.send(aMessage()).then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    release();
    await sending;
    server.onAccept = null;
    expect(settled).toBe(true);
  });

  it('reports a 4xx refusal as temporary, so the event is retried', async () => {
    server.refuseNext(1, 451);
    await expect(mailer.send(aMessage())).rejects.toBeInstanceOf(MailTemporarilyRefused);
  });

  it('reports a 5xx refusal as permanent, so the event is dead-lettered', async () => {
    server.refuseNext(1, 550);
    const failure = mailer.send(aMessage());
    await expect(failure).rejects.toBeInstanceOf(MailRejected);
    await expect(failure).rejects.toMatchObject({ code: 'mail.rejected', kind: 'invalid' });
  });

  it('sends normally again after refusals', async () => {
    const message = aMessage();
    await mailer.send(message);
    const ids = await Promise.all(server.received.map(async (raw) => (await parseDelivered(raw)).id));
    expect(ids).toContain(message.id);
  });

  it('reports an unreachable server as temporary', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((r) => closed.close(() => r()));
    const unreachable = new SmtpMailer(`smtp://127.0.0.1:${port}`, 'Rookery <no-reply@rookery.test>', {
      timeoutMs: 2_000,
    });
    try {
      await expect(unreachable.send(aMessage())).rejects.toBeInstanceOf(MailTemporarilyRefused);
    } finally {
      unreachable.close();
    }
  });
});
