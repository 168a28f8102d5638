import { DomainError } from '../shared/domain-error.ts';

/** NIST SP 800-63B: at least 8 characters, allow long passphrases; the cap bounds hashing work. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export class WeakPassword extends DomainError {
  constructor() {
    super(
      'user.password_invalid',
      'invalid',
      `A password is ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters and not only spaces.`,
      { min_length: PASSWORD_MIN_LENGTH, max_length: PASSWORD_MAX_LENGTH },
    );
  }
}

export class CommonPassword extends DomainError {
  constructor() {
    super(
      'user.password_common',
      'invalid',
      'This password is one of the most common ones, the first that attackers try: choose another.',
    );
  }
}

/**
 * Passwords no one may choose (NIST SP 800-63B §3.1.1.2: those from breach corpuses and
 * the most used), held in lower case.
 */
export interface PasswordBlocklist {
  has(lowerCasePassword: string): boolean;
}

/**
 * Checks a password someone is choosing (never one they are signing in with: a policy
 * change must not lock existing users out). Length counts characters, not UTF-16 units.
 * The blocklist is consulted case-insensitively: `Password1` is as guessable as `password1`.
 */
export function acceptableNewPassword(raw: string, blocklist: PasswordBlocklist): string {
  const length = [...raw].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH || raw.trim().length === 0) {
    throw new WeakPassword();
  }
  if (blocklist.has(raw.toLowerCase())) throw new CommonPassword();
  return raw;
}
