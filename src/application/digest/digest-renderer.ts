import type { DailyDigestPayload } from '#domain/digest/daily-digest.ts';
import { token } from '../shared/token.ts';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** Turns a digest into the mail's subject and bodies; user content is escaped for HTML. */
export interface DigestRenderer {
  render(digest: DailyDigestPayload, links: { unsubscribe: string; app: string }): RenderedMail;
}
export const DigestRenderer = token<DigestRenderer>('DigestRenderer');
