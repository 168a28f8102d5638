import type { User } from '#domain/users/user.entity.ts';
import { token } from '../shared/token.ts';

/** Where accounts live. Lookups take normalised values (see `EmailAddress`, `Handle`). */
export interface UserRepository {
  /** Stages a new user in the current unit of work; uniqueness is enforced on commit. */
  add(user: User): Promise<void>;
  byId(id: string): Promise<User | null>;
  /**
   * Loads a user for change inside a unit of work; another unit of work locking the same
   * user waits until this one ends, so decisions that read other rows (which avatar is the
   * newest ready one) are taken one at a time per user.
   */
  lockById(id: string): Promise<User | null>;
  /** Whether the account still exists; cheap, for checks on every request (no loading). */
  exists(id: string): Promise<boolean>;
  byEmail(email: string): Promise<User | null>;
  byHandle(handle: string): Promise<User | null>;
}
export const UserRepository = token<UserRepository>('UserRepository');
