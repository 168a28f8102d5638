import type { KeysetPosition } from '#application/social/page.ts';
import { RequestValidationError } from './request-validation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Positions this API hands out are row timestamps. JavaScript dates reach ±275 760 years,
 * PostgreSQL's timestamptz only 4713 BC to 294 276 AD (and the driver writes extended
 * years in a form it refuses): years 1–9999 hold every real position.
 */
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Opaque list cursors: base64url of `[time, id]`. Opaque so clients never build or
 * edit them, and the keyset behind them can change without breaking the API.
 */
export function encodeCursor(position: KeysetPosition | null): string | null {
  if (!position) return null;
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetPosition | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [at, id] = parsed as unknown[];
      const createdAt = typeof at === 'string' ? new Date(at) : new Date(Number.NaN);
      const time = createdAt.getTime();
      if (time >= EARLIEST && time <= LATEST && typeof id === 'string' && UUID.test(id))
        return { createdAt, id };
    }
  } catch {
    // reported below
  }
  throw new RequestValidationError('query', [
    { path: 'cursor', message: 'not a cursor this API returned (pass next_cursor back unchanged)' },
  ]);
}
