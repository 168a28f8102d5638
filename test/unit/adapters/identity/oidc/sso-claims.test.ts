import { describe, expect, it } from '@jest/globals';
import { claimsOf } from '#adapters/identity/oidc/sso-claims.ts';

const base = { iss: 'https://idp', sub: 's1' };

describe('claimsOf', () => {
  it('normalises the e-mail and reads the verified flag strictly', () => {
    expect(claimsOf('p', { ...base, email: ' Ada@Example.COM ', email_verified: true })).toMatchObject({
      email: 'ada@example.com',
      emailVerified: true,
    });
    expect(claimsOf('p', { ...base, email: 'a@b.co', email_verified: 'true' }).emailVerified).toBe(true);
    expect(claimsOf('p', { ...base, email: 'a@b.co', email_verified: 'yes' }).emailVerified).toBe(false);
    expect(claimsOf('p', { ...base, email: 'a@b.co' }).emailVerified).toBe(false);
  });

  it('drops what is not an e-mail address or not text', () => {
    expect(claimsOf('p', { ...base, email: 'nope', name: 42, preferred_username: '  ' })).toMatchObject({
      email: null,
      name: null,
      preferredUsername: null,
    });
  });
});
