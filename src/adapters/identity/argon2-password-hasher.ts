import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '#application/identity/password-hasher.ts';

/**
 * OWASP Password Storage Cheat Sheet, first argon2id configuration: 19 MiB, 2 passes, one
 * lane. The parameters travel inside each PHC string, so raising them later keeps old
 * hashes verifiable. argon2id is the library's default algorithm.
 */
export const OWASP_ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export class Argon2PasswordHasher implements PasswordHasher {
  private readonly options: typeof OWASP_ARGON2ID;
  // A real hash of a random password, checked when there is no hash to check against, so
  // unknown accounts cost the same time as wrong passwords.
  private readonly decoy: Promise<string>;

  constructor(options: typeof OWASP_ARGON2ID = OWASP_ARGON2ID) {
    this.options = options;
    this.decoy = hash(randomUUID(), options);
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(password: string, hashed: string | null): Promise<boolean> {
    if (hashed === null) {
      await verify(await this.decoy, password);
      return false;
    }
    try {
      return await verify(hashed, password);
    } catch {
      return false; // not a PHC string we can read: never a match
    }
  }
}
