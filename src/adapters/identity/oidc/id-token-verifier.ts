import jwt from 'jsonwebtoken';
import { SsoSignInRefused } from '#domain/identity/identity.errors.ts';
import type { OidcIssuer } from './oidc-issuer.ts';

/** Asymmetric algorithms only: an HMAC "signature" keyed with a public value proves nothing. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
type Asymmetric = (typeof ASYMMETRIC)[number];

export interface IdTokenExpectations {
  clientId: string;
  nonce: string;
  nowSeconds: number;
}

/**
 * What passport-openidconnect leaves out of ID token validation (OpenID Connect Core
 * §3.1.3.7): the signature, checked with the provider's published key and an algorithm
 * the provider advertises; plus issuer, audience, authorised party, expiry, issue time
 * and nonce again, so the result stands on its own.
 */
export async function verifyIdToken(
  idToken: string,
  issuer: OidcIssuer,
  expected: IdTokenExpectations,
): Promise<jwt.JwtPayload> {
  const decoded = jwt.decode(idToken, { complete: true });
  if (!decoded || typeof decoded.payload === 'string')
    throw new SsoSignInRefused('the ID token is malformed');
  const metadata = await issuer.metadata();
  const advertised = metadata.id_token_signing_alg_values_supported ?? ['RS256'];
  const alg = decoded.header.alg as Asymmetric;
  if (!ASYMMETRIC.includes(alg) || !advertised.includes(alg)) {
    throw new SsoSignInRefused(`the ID token is signed with ${decoded.header.alg}, which is not accepted`);
  }
  const key = await issuer.key(decoded.header.kid);
  if (!key) throw new SsoSignInRefused('the ID token is signed with a key the provider does not publish');
  let claims: jwt.JwtPayload;
  try {
    claims = jwt.verify(idToken, key, {
      algorithms: [alg],
      issuer: metadata.issuer,
      audience: expected.clientId,
      nonce: expected.nonce,
      clockTimestamp: expected.nowSeconds,
      clockTolerance: 60,
    }) as jwt.JwtPayload;
  } catch (error) {
    throw new SsoSignInRefused(
      `the ID token is not valid (${(error as Error).message.replace(/^jwt /, '')})`,
    );
  }
  const audiences = [claims.aud].flat();
  if (audiences.length > 1 && claims.azp !== expected.clientId) {
    throw new SsoSignInRefused('the ID token was issued to another party');
  }
  if (
    typeof claims.sub !== 'string' ||
    !claims.sub ||
    typeof claims.iat !== 'number' ||
    typeof claims.exp !== 'number'
  ) {
    throw new SsoSignInRefused('the ID token lacks its subject, issue time or expiry');
  }
  return claims;
}
