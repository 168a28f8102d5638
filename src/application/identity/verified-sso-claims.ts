/**
 * What Rookery takes from a provider's ID token, after its signature (provider JWKS),
 * issuer, audience, expiry and nonce were verified by the SSO adapter.
 */
export interface VerifiedSsoClaims {
  /** The configured provider name (`google`, `keycloak`, `dev`). */
  provider: string;
  issuer: string;
  subject: string;
  /** Normalised (lower-case) e-mail, or null when the provider gave none or an invalid one. */
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  preferredUsername: string | null;
}
