import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from '#adapters/http/keyset-cursor.ts';

const position = {
  createdAt: new Date('2026-11-22T09:00:00.123Z'),
  id: '0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55',
};

describe('keyset cursors', () => {
  it('round-trip a position through an opaque URL-safe string', () => {
    const cursor = encodeCursor(position)!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('take the edges of the range every real position falls in', () => {
    for (const at of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      const edge = { createdAt: new Date(at), id: position.id };
      expect(decodeCursor(encodeCursor(edge)!)).toEqual(edge);
    }
  });

  it('mean the first page when absent, and no next page when there is no position', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
    expect(encodeCursor(null)).toBeNull();
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['JSON of another shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad time', Buffer.from('["yesterday","0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55"]').toString('base64url')],
    ...['+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '-004713-01-01T00:00:00.000Z'].map(
      (at) => [
        `a time PostgreSQL cannot hold (${at})`,
        Buffer.from(JSON.stringify([at, '0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55'])).toString('base64url'),
      ],
    ),
    ['a bad id', Buffer.from('["2026-11-22T09:00:00.123Z","1; drop table posts"]').toString('base64url')],
  ])('refuse %s as request.invalid on the cursor', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({
        code: 'request.invalid',
        details: { errors: [expect.objectContaining({ path: 'cursor' })] },
      }),
    );
  });
});
