import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDelivered } from './parse-delivered.ts';
import type { SmtpTestServer } from './smtp-test-server.ts';

export type ReceivedMail = Awaited<ReturnType<typeof parseDelivered>>;

/** Where a booted Rookery's mail ends up: an SMTP server's inbox, or the file mailer's folder. */
export interface Mailbox {
  messages(): Promise<ReceivedMail[]>;
}

export function smtpMailbox(server: SmtpTestServer): Mailbox {
  const parsed = new Map<Buffer, ReceivedMail>();
  return {
    async messages() {
      for (const raw of server.received) if (!parsed.has(raw)) parsed.set(raw, await parseDelivered(raw));
      return server.received.map((raw) => parsed.get(raw)!);
    },
  };
}

export function folderMailbox(directory: string): Mailbox {
  return {
    async messages() {
      const files = (await readdir(directory).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
      return Promise.all(files.map(async (f) => parseDelivered(await readFile(path.join(directory, f)))));
    },
  };
}
