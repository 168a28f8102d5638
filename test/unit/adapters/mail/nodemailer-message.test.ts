import { describe, expect, it } from '@jest/globals';
import { senderDomain, toNodemailerMessage } from '#adapters/mail/nodemailer-message.ts';

describe('mapping a message to nodemailer', () => {
  const message = {
    id: '0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55',
    to: 'ada@example.com',
    subject: 's',
    text: 't',
    html: '<p>h</p>',
    unsubscribeUrl: 'https://rookery.test/u?token=x',
  };

  it('forbids nodemailer from reading files or URLs named in any field', () => {
    expect(toNodemailerMessage(message, 'Rookery <no-reply@rookery.test>')).toMatchObject({
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  });

  it('derives the Message-ID from the message id and the sender domain', () => {
    expect(toNodemailerMessage(message, 'Rookery <no-reply@mail.rookery.test>').messageId).toBe(
      '<0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55@mail.rookery.test>',
    );
    expect(senderDomain('no-reply@plain.test')).toBe('plain.test');
  });

  it('asks for RFC 8058 one-click unsubscribe headers', () => {
    expect(toNodemailerMessage(message, 'x@rookery.test')).toMatchObject({
      list: { unsubscribe: message.unsubscribeUrl },
      headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  });
});
