import { describe, expect, it } from '@jest/globals';
import { acceptableNewPassword, CommonPassword, WeakPassword } from '#domain/identity/password-policy.ts';

const blocklist: ReadonlySet<string> = new Set(['password', '12345678', 'password1']);

describe('acceptableNewPassword', () => {
  it.each(['short', '       ', '          ', 'x'.repeat(129)])('refuses %j', (password) => {
    expect(() => acceptableNewPassword(password, blocklist)).toThrow(WeakPassword);
  });

  it.each(['correct horse', '🐦🐦🐦🐦🐦🐦🐦🐦', 'x'.repeat(128)])('accepts %j', (password) => {
    expect(acceptableNewPassword(password, blocklist)).toBe(password);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(() => acceptableNewPassword('🐦🐦🐦🐦', blocklist)).toThrow(WeakPassword); // 8 units, 4 characters
  });

  it.each(['password', '12345678', 'Password1', 'PASSWORD'])(
    'refuses the blocklisted %j whatever its case',
    (p) => {
      expect(() => acceptableNewPassword(p, blocklist)).toThrow(
        expect.objectContaining({ code: 'user.password_common', kind: 'invalid' }),
      );
      expect(() => acceptableNewPassword(p, blocklist)).toThrow(CommonPassword);
    },
  );
});
