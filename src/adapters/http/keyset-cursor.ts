import type { KeysetPosition } from '#application/social/page.ts';
import { RequestValidationError } from './request-validation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
      if (!Number.isNaN(createdAt.getTime()) && typeof id === 'string' && UUID.test(id))
        return { createdAt, id };
    }
  } catch {
    // reported below
  }
  throw new RequestValidationError('query', [
    { path: 'cursor', message: 'not a cursor this API returned (pass next_cursor back unchanged)' },
  ]);
}
