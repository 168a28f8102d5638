import { describe, expect, it } from '@jest/globals';
import { acceptableNewPassword, WeakPassword } from '#domain/identity/password-policy.ts';

describe('acceptableNewPassword', () => {
  it.each(['short', '       ', '          ', 'x'.repeat(129)])('refuses %j', (password) => {
    expect(() => acceptableNewPassword(password)).toThrow(WeakPassword);
  });

  it.each(['correct horse', '🐦🐦🐦🐦🐦🐦🐦🐦', 'x'.repeat(128)])('accepts %j', (password) => {
    expect(acceptableNewPassword(password)).toBe(password);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(() => acceptableNewPassword('🐦🐦🐦🐦')).toThrow(WeakPassword); // 8 units, 4 characters
  });
});
