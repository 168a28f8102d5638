import { describe, expect, it } from '@jest/globals';
import { Argon2PasswordHasher } from '#adapters/identity/argon2-password-hasher.ts';

const hasher = new Argon2PasswordHasher();

describe('Argon2PasswordHasher', () => {
  it('hashes with argon2id and the OWASP parameters (19 MiB, 2 passes, 1 lane), salted', async () => {
    const a = await hasher.hash('correct horse');
    const b = await hasher.hash('correct horse');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('correct horse');
    await expect(hasher.verify('correct horse', hash)).resolves.toBe(true);
    await expect(hasher.verify('correct horse ', hash)).resolves.toBe(false);
  });

  it('answers false for a missing or unreadable hash instead of throwing', async () => {
    await expect(hasher.verify('anything', null)).resolves.toBe(false);
    await expect(hasher.verify('anything', 'not-a-phc-string')).resolves.toBe(false);
  });
});
