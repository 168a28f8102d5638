import type { JwtPayload } from 'jsonwebtoken';
import type { VerifiedSsoClaims } from '#application/identity/verified-sso-claims.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/** The claims Rookery uses, read defensively from a verified ID token. */
export function claimsOf(provider: string, claims: JwtPayload): VerifiedSsoClaims {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  const email = text(claims.email)?.toLowerCase() ?? null;
  return {
    provider,
    issuer: claims.iss!,
    subject: claims.sub!,
    email: email && email.length <= 254 && EMAIL.test(email) ? email : null,
    // Some providers send the boolean as a string; anything else is "not verified".
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: text(claims.name),
    preferredUsername: text(claims.preferred_username),
  };
}
