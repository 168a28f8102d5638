import { describe, expect, it } from '@jest/globals';
import { decodePopularCursor, encodePopularCursor } from '#adapters/http/feed/popular-cursor.ts';

describe('trending cursors', () => {
  it('carry the exact score and id through a round trip', () => {
    const position = { score: 1_234_567.123456789, id: '0193f5c2-7a1e-7c3d-9a4b-2f6e8d1c0a55' };
    expect(decodePopularCursor(encodePopularCursor(position)!)).toEqual(position);
    expect(encodePopularCursor(null)).toBeNull();
    expect(decodePopularCursor(undefined)).toBeNull();
  });

  it('reject anything this API did not hand out', () => {
    const feedCursor = Buffer.from(JSON.stringify(['2026-11-22T09:00:00.000Z', 'x'])).toString('base64url');
    for (const bad of ['nope', feedCursor, Buffer.from('["p","1","x"]').toString('base64url')])
      expect(() => decodePopularCursor(bad)).toThrow(expect.objectContaining({ code: 'request.invalid' }));
  });
});
