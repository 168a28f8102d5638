import { token } from '../shared/token.ts';

/** One-way password hashing (argon2id in production). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Whether `password` matches `hash`. With `hash` null (unknown account, or one without
   * a password) it still spends the time of a real check and answers false, so response
   * times do not tell which accounts exist.
   */
  verify(password: string, hash: string | null): Promise<boolean>;
}
export const PasswordHasher = token<PasswordHasher>('PasswordHasher');
