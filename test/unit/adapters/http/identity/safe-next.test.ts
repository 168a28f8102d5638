import { describe, expect, it } from '@jest/globals';
import { safeNext } from '#adapters/http/identity/sso.router.ts';

describe('safeNext', () => {
  it.each(['/web/upload', '/web/gallery/123?x=1', '/'])('keeps the local path %j', (path) => {
    expect(safeNext(path)).toBe(path);
  });

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    'web/upload',
    '/with space',
    undefined,
    ['/a', '/b'],
    `/${'x'.repeat(600)}`,
  ])('replaces %j with the sign-in page', (path) => {
    expect(safeNext(path)).toBe('/web/login');
  });
});
