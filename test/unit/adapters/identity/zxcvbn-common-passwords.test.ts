import { describe, expect, it } from '@jest/globals';
import { ZxcvbnCommonPasswords } from '#adapters/identity/zxcvbn-common-passwords.ts';

describe('ZxcvbnCommonPasswords (the list shipped in @zxcvbn-ts/language-common)', () => {
  const list = new ZxcvbnCommonPasswords();

  it.each(['12345678', 'password', 'qwertyuiop', 'iloveyou', 'password1', 'trustno1', 'football'])(
    'knows %j',
    (password) => {
      expect(list.has(password)).toBe(true);
    },
  );

  it.each(['correct horse battery', 'tr0ub4dor&3-staple', 'a very long passphrase indeed'])(
    'does not know %j',
    (password) => {
      expect(list.has(password)).toBe(false);
    },
  );

  it('folds its entries to lower case, and is asked in lower case (the policy folds the candidate)', () => {
    const source = new ZxcvbnCommonPasswords(['Dragon2000', 'dragon2000']);
    expect(source.has('dragon2000')).toBe(true);
    expect(source.has('Dragon2000')).toBe(false); // asked in lower case (the policy folds)
  });
});
