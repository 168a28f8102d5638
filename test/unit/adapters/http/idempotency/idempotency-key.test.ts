import { describe, expect, it } from '@jest/globals';
import { parseIdempotencyKey } from '#adapters/http/idempotency/idempotency-key.ts';

describe('parseIdempotencyKey', () => {
  it('accepts a bare key (as Stripe clients send it) and a Structured Field string (as the IETF draft defines it)', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(parseIdempotencyKey('"with space and \\"quote\\""')).toBe('with space and "quote"');
  });

  it('accepts up to 255 characters', () => {
    expect(parseIdempotencyKey('k'.repeat(255))).toHaveLength(255);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['a space in a bare key', 'two words'],
    ['too long', 'k'.repeat(256)],
    ['an empty string field', '""'],
    ['an unterminated string', '"open'],
    ['a control character', 'a\u0001b'],
    ['non-ASCII', 'clé'],
    ['an invalid escape', '"a\\nb"'],
  ])('refuses %s with idempotency.key_invalid', (_, header) => {
    expect(() => parseIdempotencyKey(header)).toThrow(
      expect.objectContaining({ code: 'idempotency.key_invalid', kind: 'invalid' }),
    );
  });
});
