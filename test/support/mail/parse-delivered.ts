import { simpleParser } from 'mailparser';
import type { Delivered } from '../../contracts/mailer.contract.ts';

/** What a receiving client sees of a raw message: the mailer contract's view of it. */
export async function parseDelivered(
  raw: Buffer | string,
): Promise<Delivered & { messageId: string; raw: string }> {
  const parsed = await simpleParser(raw);
  const header = (name: string) =>
    parsed.headerLines
      .find((h) => h.key === name)
      ?.line.replace(/^[^:]+:\s*/, '')
      .replace(/\r?\n\s+/g, ' ');
  const messageId = parsed.messageId ?? '';
  const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
  return {
    id: /^<([^@]+)@/.exec(messageId)?.[1] ?? messageId,
    messageId,
    to: to?.value[0]?.address ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    unsubscribeUrl: /<([^>]+)>/.exec(header('list-unsubscribe') ?? '')?.[1] ?? null,
    oneClick: header('list-unsubscribe-post') === 'List-Unsubscribe=One-Click',
    attachments: parsed.attachments.length,
    raw: typeof raw === 'string' ? raw : raw.toString('utf8'),
  };
}
