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

/**
 * Checks a password someone is choosing (never one they are signing in with: a policy
 * change must not lock existing users out). Length counts characters, not UTF-16 units.
 */
export function acceptableNewPassword(raw: string): string {
  const length = [...raw].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH || raw.trim().length === 0) {
    throw new WeakPassword();
  }
  return raw;
}
