import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Mailer, MailMessage } from '#application/mail/mailer.ts';

/** A delivered message, as the receiving side sees it. */
export interface Delivered {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl: string | null;
  oneClick: boolean;
  attachments: number;
}

export interface MailerHarness {
  mailer: Mailer;
  /** Everything delivered so far (in any order). */
  delivered(): Promise<Delivered[]>;
  close(): Promise<void>;
}

const aMessage = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  id: randomUUID(),
  to: `reader_${randomUUID().slice(0, 8)}@example.com`,
  subject: 'Your Rookery digest: 2 open tasks',
  text: 'Hello Zoë,\n- Écrire <vite>\n',
  html: '<p>Hello Zo&#235;</p><ul><li>&lt;b&gt;bold&lt;/b&gt; 📝</li></ul>',
  unsubscribeUrl: 'https://rookery.example/api/v1/digest/unsubscribe?token=abc.k1.sig',
  ...overrides,
});

/** What every Mailer must do: the SMTP relay, the `.eml` folder and the in-memory fake. */
export function mailerContract(adapter: string, open: () => Promise<MailerHarness>): void {
  describe(`Mailer contract: ${adapter}`, () => {
    let h: MailerHarness;
    beforeAll(async () => {
      h = await open();
    });
    afterAll(() => h.close());
    const find = async (id: string) => (await h.delivered()).filter((m) => m.id === id);

    it('delivers the recipient, subject, both bodies and a one-click unsubscribe link', async () => {
      const message = aMessage();
      await h.mailer.send(message);
      const [delivered] = await find(message.id);
      expect(delivered).toMatchObject({
        to: message.to,
        subject: message.subject,
        unsubscribeUrl: message.unsubscribeUrl,
        oneClick: true,
        attachments: 0,
      });
      expect(delivered!.text.trim()).toBe(message.text.trim());
      expect(delivered!.html.trim()).toBe(message.html);
    });

    it('adds no unsubscribe headers to a message without a link', async () => {
      const message = aMessage({ unsubscribeUrl: undefined });
      await h.mailer.send(message);
      expect((await find(message.id))[0]).toMatchObject({ unsubscribeUrl: null, oneClick: false });
    });

    it('marks a message sent again with the same identity', async () => {
      const message = aMessage();
      await h.mailer.send(message);
      await h.mailer.send(message);
      const copies = await find(message.id);
      expect(copies.length).toBeGreaterThanOrEqual(1);
      for (const copy of copies) expect(copy.to).toBe(message.to);
    });

    it('treats paths and URLs in the content as text, never fetching or attaching them', async () => {
      const message = aMessage({
        text: 'file:///etc/passwd http://127.0.0.1:1/secret',
        html: '<img src="file:///etc/passwd"><a href="http://127.0.0.1:1/secret">x</a>',
      });
      await h.mailer.send(message);
      const [delivered] = await find(message.id);
      expect(delivered).toMatchObject({ attachments: 0 });
      expect(delivered!.html).toBe(message.html);
      expect(delivered!.text.trim()).toBe(message.text);
    });
  });
}
