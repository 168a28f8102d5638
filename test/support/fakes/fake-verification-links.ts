import type { VerificationLinks } from '#application/identity/verification-links.ts';
import { InvalidVerificationLink } from '#domain/identity/identity.errors.ts';

/** Links `https://rookery.test/verify#token=signed:<id>`: "signed" is the only token it accepts. */
export class FakeVerificationLinks implements VerificationLinks {
  linkFor(verificationId: string): string {
    return `https://rookery.test/verify#token=signed:${verificationId}`;
  }

  verificationIdFrom(token: string): string {
    if (!token.startsWith('signed:')) throw new InvalidVerificationLink();
    return token.slice('signed:'.length);
  }
}

export const tokenOf = (link: string) => link.slice(link.indexOf('#token=') + '#token='.length);
