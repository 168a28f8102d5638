import { describe, expect, it } from '@jest/globals';
import { classifySmtpError } from '#adapters/mail/smtp-errors.ts';
import { MailRejected, MailTemporarilyRefused } from '#application/mail/mailer.ts';
import { isPermanent } from '#adapters/messaging/failure-policy.ts';

const smtp = (props: { responseCode?: number; code?: string }) => Object.assign(new Error('refused'), props);

describe('classifying SMTP failures', () => {
  it.each([
    ['a 421 (service closing)', smtp({ responseCode: 421, code: 'EENVELOPE' })],
    ['a 451 (try later)', smtp({ responseCode: 451, code: 'EENVELOPE' })],
    ['a 452 (mailbox full for now)', smtp({ responseCode: 452 })],
    ['refused credentials (535)', smtp({ responseCode: 535, code: 'EAUTH' })],
    ['a refused connection', smtp({ code: 'ECONNECTION' })],
    ['a timeout', smtp({ code: 'ETIMEDOUT' })],
    ['a dropped socket', smtp({ code: 'ESOCKET' })],
    ['something unknown', new Error('who knows')],
  ])('retries %s', (_case, error) => {
    const classified = classifySmtpError(error);
    expect(classified).toBeInstanceOf(MailTemporarilyRefused);
    expect(isPermanent(classified)).toBe(false);
  });

  it.each([
    ['a 550 (no such mailbox)', smtp({ responseCode: 550, code: 'EENVELOPE' })],
    ['a 554 (rejected by policy)', smtp({ responseCode: 554, code: 'EMESSAGE' })],
    ['an envelope without a valid recipient', smtp({ code: 'EENVELOPE' })],
  ])('dead-letters %s', (_case, error) => {
    const classified = classifySmtpError(error);
    expect(classified).toBeInstanceOf(MailRejected);
    expect(isPermanent(classified)).toBe(true);
  });
});
