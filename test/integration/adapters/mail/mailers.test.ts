import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FileMailer } from '#adapters/mail/file-mailer.ts';
import { SmtpMailer } from '#adapters/mail/smtp-mailer.ts';
import { mailerContract } from '../../../contracts/mailer.contract.ts';
import { parseDelivered } from '../../../support/mail/parse-delivered.ts';
import { startSmtpTestServer } from '../../../support/mail/smtp-test-server.ts';

mailerContract('SmtpMailer against a real SMTP server', async () => {
  const server = await startSmtpTestServer();
  const mailer = new SmtpMailer(server.url, 'Rookery <no-reply@rookery.test>', { timeoutMs: 5_000 });
  return {
    mailer,
    delivered: () => Promise.all(server.received.map((raw) => parseDelivered(raw))),
    async close() {
      mailer.close();
      await server.close();
    },
  };
});

mailerContract('FileMailer writing .eml files', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'rookery-mail-'));
  return {
    mailer: new FileMailer(path.join(directory, 'mail'), 'Rookery <no-reply@rookery.test>'),
    async delivered() {
      const files = (await readdir(path.join(directory, 'mail'))).filter((f) => f.endsWith('.eml'));
      return Promise.all(
        files.map(async (f) => parseDelivered(await readFile(path.join(directory, 'mail', f)))),
      );
    },
    close: () => rm(directory, { recursive: true, force: true }),
  };
});
