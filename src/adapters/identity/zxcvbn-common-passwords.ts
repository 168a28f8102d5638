import { dictionary } from '@zxcvbn-ts/language-common';
import type { CommonPasswords } from '#application/identity/common-passwords.ts';

/**
 * zxcvbn-ts's list of ~49 000 passwords most seen in breaches, ranked by frequency
 * (`123456`, `password`, `12345678`, …), shipped inside the package: no network call.
 */
export class ZxcvbnCommonPasswords implements CommonPasswords {
  private readonly passwords: ReadonlySet<string>;

  constructor(passwords: readonly string[] = dictionary['passwords-common']) {
    this.passwords = new Set(passwords.map((password) => password.toLowerCase()));
  }

  has(lowerCasePassword: string): boolean {
    return this.passwords.has(lowerCasePassword);
  }
}
