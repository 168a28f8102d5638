import type { PasswordHasher } from '#application/identity/password-hasher.ts';

/** Reversible "hashing" for fast use-case tests; records what was checked against what. */
export class FakePasswordHasher implements PasswordHasher {
  readonly verified: { password: string; hash: string | null }[] = [];

  async hash(password: string): Promise<string> {
    return `hashed:${password}`;
  }

  async verify(password: string, hash: string | null): Promise<boolean> {
    this.verified.push({ password, hash });
    return hash !== null && hash === `hashed:${password}`;
  }
}
