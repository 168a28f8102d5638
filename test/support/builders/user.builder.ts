import { randomUUID } from 'node:crypto';
import { User, type RegisterUser } from '#domain/users/user.entity.ts';

let sequence = 0;

/** A valid new user; every call is unique unless told otherwise. */
export function aUser(overrides: Partial<RegisterUser> = {}): User {
  sequence++;
  const suffix = `${sequence}_${randomUUID().slice(0, 8)}`;
  return User.register({
    id: randomUUID(),
    email: `user${suffix}@example.com`,
    handle: `user_${suffix}`.slice(0, 30),
    displayName: `User ${sequence}`,
    passwordHash: null,
    at: new Date('2026-11-22T09:00:00.000Z'),
    ...overrides,
  });
}
