import type { PopularPosition } from '#domain/feed/popularity.ts';
import { RequestValidationError } from '../request-validation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque trending cursors: base64url of `["p", score, id]` (the score exact, as JSON keeps doubles). */
export function encodePopularCursor(position: PopularPosition | null): string | null {
  if (!position) return null;
  return Buffer.from(JSON.stringify(['p', position.score, position.id])).toString('base64url');
}

export function decodePopularCursor(cursor: string | undefined): PopularPosition | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === 'p') {
      const [, score, id] = parsed as unknown[];
      if (typeof score === 'number' && Number.isFinite(score) && typeof id === 'string' && UUID.test(id))
        return { score, id };
    }
  } catch {
    // reported below
  }
  throw new RequestValidationError('query', [
    { path: 'cursor', message: 'not a cursor this API returned (pass next_cursor back unchanged)' },
  ]);
}
