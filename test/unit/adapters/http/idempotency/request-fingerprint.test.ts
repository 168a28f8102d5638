import { describe, expect, it } from '@jest/globals';
import { canonicalJson, requestFingerprint } from '#adapters/http/idempotency/request-fingerprint.ts';

describe('requestFingerprint', () => {
  it('is the same for the same JSON whatever the key order', () => {
    expect(requestFingerprint('POST', '/api/v1/posts', { a: 1, b: { d: [1, 2], c: null } })).toBe(
      requestFingerprint('post', '/api/v1/posts', { b: { c: null, d: [1, 2] }, a: 1 }),
    );
  });

  it('differs when the method, the path, the query or any value differs', () => {
    const base = requestFingerprint('POST', '/api/v1/posts', { text: 'hi' });
    expect(
      new Set([
        base,
        requestFingerprint('PUT', '/api/v1/posts', { text: 'hi' }),
        requestFingerprint('POST', '/api/v1/tasks', { text: 'hi' }),
        requestFingerprint('POST', '/api/v1/posts?x=1', { text: 'hi' }),
        requestFingerprint('POST', '/api/v1/posts', { text: 'hi ' }),
        requestFingerprint('POST', '/api/v1/posts', { text: 'hi', extra: true }),
        requestFingerprint('POST', '/api/v1/posts', [{ text: 'hi' }]),
      ]).size,
    ).toBe(7);
  });

  it('writes canonical JSON with sorted keys and without undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, 'x', { z: undefined, y: 2 }] })).toBe(
      '{"a":[true,"x",{"y":2}],"b":1}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });
});
