import { describe, expect, it } from '@jest/globals';
import { DigestDate, InvalidDigestDate } from '#domain/digest/digest-date.ts';

describe('DigestDate', () => {
  it.each(['2026-02-30', '2026-13-01', '26-11-22', '2026-11-22T00:00:00Z', ''])('refuses "%s"', (raw) => {
    expect(() => DigestDate.parse(raw)).toThrow(InvalidDigestDate);
  });

  it('names the day an instant falls on in a time zone', () => {
    const instant = new Date('2026-11-22T23:30:00.000Z');
    expect(DigestDate.containing(instant, 'UTC').value).toBe('2026-11-22');
    expect(DigestDate.containing(instant, 'Europe/Paris').value).toBe('2026-11-23');
    expect(DigestDate.containing(instant, 'America/Los_Angeles').value).toBe('2026-11-22');
  });

  it('reports the 24 hours before the day begins in its time zone', () => {
    const date = DigestDate.parse('2026-11-23');
    expect(date.window('UTC')).toEqual({
      from: new Date('2026-11-22T00:00:00.000Z'),
      to: new Date('2026-11-23T00:00:00.000Z'),
    });
    expect(date.window('Europe/Paris').to).toEqual(new Date('2026-11-22T23:00:00.000Z'));
    expect(date.window('Asia/Kolkata').to).toEqual(new Date('2026-11-22T18:30:00.000Z'));
  });

  it('finds midnight across daylight-saving changes', () => {
    // Paris moves to summer time on 2026-03-29 at 02:00; midnight is still at +01:00.
    expect(DigestDate.parse('2026-03-29').startsAt('Europe/Paris')).toEqual(
      new Date('2026-03-28T23:00:00.000Z'),
    );
    expect(DigestDate.parse('2026-03-30').startsAt('Europe/Paris')).toEqual(
      new Date('2026-03-29T22:00:00.000Z'),
    );
  });

  it('moves by calendar days, across months and years', () => {
    expect(DigestDate.parse('2026-12-31').plusDays(1).value).toBe('2027-01-01');
    expect(DigestDate.parse('2026-03-01').plusDays(-30).value).toBe('2026-01-30');
  });
});
