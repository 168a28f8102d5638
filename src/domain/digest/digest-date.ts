import { DomainError } from '../shared/domain-error.ts';

export class InvalidDigestDate extends DomainError {
  constructor(raw: string) {
    super('digest.date_invalid', 'invalid', `"${raw}" is not a calendar date (YYYY-MM-DD).`);
  }
}

const DAY_MS = 24 * 3_600_000;

/**
 * The calendar day a digest is sent for, in the digest's time zone. A digest for day D
 * reports the 24 hours before D begins there, so rerunning a date always reports the same
 * window, whenever the rerun happens.
 */
export class DigestDate {
  readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  static parse(raw: string): DigestDate {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    if (!match) throw new InvalidDigestDate(raw);
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new InvalidDigestDate(raw);
    return new DigestDate(raw);
  }

  /** The day `instant` falls on in `timeZone`. */
  static containing(instant: Date, timeZone: string): DigestDate {
    const { year, month, day } = wallClock(instant, timeZone);
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    return new DigestDate(`${pad(year, 4)}-${pad(month)}-${pad(day)}`);
  }

  /** The instant this day begins in `timeZone` (its local midnight). */
  startsAt(timeZone: string): Date {
    const [year, month, day] = this.value.split('-').map(Number) as [number, number, number];
    const local = Date.UTC(year, month - 1, day);
    // Two passes: the offset at a guessed instant may differ from the offset at midnight (DST).
    const guess = local - offsetMs(new Date(local), timeZone);
    return new Date(local - offsetMs(new Date(guess), timeZone));
  }

  /** The 24 hours before the day begins: the activity a digest for this day reports. */
  window(timeZone: string): { from: Date; to: Date } {
    const to = this.startsAt(timeZone);
    return { from: new Date(to.getTime() - DAY_MS), to };
  }

  /** The calendar day `days` later (earlier when negative). */
  plusDays(days: number): DigestDate {
    const [year, month, day] = this.value.split('-').map(Number) as [number, number, number];
    return new DigestDate(new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10));
  }

  toString(): string {
    return this.value;
  }
}

function wallClock(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`. */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}
