import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AccessTokenIssuer, IssuedAccessToken } from '#application/identity/access-token-issuer.ts';
import type { Clock } from '#application/shared/clock.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
import { ExpiringMap } from '../in-memory/expiring-map.ts';
import type { KeyRing } from './key-ring.ts';

export class InvalidAccessToken extends DomainError {
  constructor(reason: string) {
    super('auth.invalid_token', 'unauthenticated', `The access token is not valid: ${reason}.`);
  }
}

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

export interface VerifiedAccessToken {
  userId: string;
  tokenId: string;
  expiresAt: Date;
}

const ALGORITHM = 'ES256';
/** Seconds of clock skew accepted on `exp`, `nbf` and `iat`. */
const TOLERANCE_S = 5;
/** Tokens remembered as verified (a few MB); beyond that the oldest are verified again. */
const VERIFIED_CAPACITY = 10_000;

/**
 * ES256 JWTs carrying `sub`, `iat`, `exp`, `iss`, `aud`, `jti` and a `kid` header.
 * Verification accepts exactly one algorithm, this issuer and this audience, and picks
 * the key by `kid` from the key ring, so `alg: none`, HS256-with-the-public-key and
 * foreign keys are all refused before any signature maths.
 *
 * A token that verified is remembered (by its exact text, signature included) until the
 * moment it expires, so a client's next requests with it cost a map lookup instead of
 * an ECDSA verification. Nothing else can change its verdict: the claims are signed, the
 * key ring is fixed for the life of the process, and only successes are remembered (a
 * token refused as not yet valid is checked again next time).
 */
export class JwtAccessTokens implements AccessTokenIssuer {
  private readonly keys: KeyRing;
  private readonly settings: AccessTokenSettings;
  private readonly clock: Clock;
  private readonly verified: ExpiringMap<VerifiedAccessToken>;

  constructor(keys: KeyRing, settings: AccessTokenSettings, clock: Clock) {
    this.keys = keys;
    this.settings = settings;
    this.clock = clock;
    this.verified = new ExpiringMap(VERIFIED_CAPACITY, () => clock.now().getTime());
  }

  async issue(userId: string): Promise<IssuedAccessToken> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const token = jwt.sign(
      { sub: userId, iat: now, exp: now + this.settings.ttlSeconds, jti: randomUUID() },
      this.keys.signing.privateKey,
      {
        algorithm: ALGORITHM,
        keyid: this.keys.signing.kid,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      },
    );
    return { token, expiresIn: this.settings.ttlSeconds };
  }

  verify(token: string): VerifiedAccessToken {
    const known = this.verified.get(token);
    if (known) return known;
    const verified = this.verifySignedClaims(token);
    // jsonwebtoken calls a token expired from `exp + tolerance` on: remembered until just then.
    const validFor = verified.expiresAt.getTime() + TOLERANCE_S * 1000 - this.clock.now().getTime();
    if (validFor > 0) this.verified.set(token, verified, validFor);
    return verified;
  }

  private verifySignedClaims(token: string): VerifiedAccessToken {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new InvalidAccessToken('malformed');
    if (decoded.header.alg !== ALGORITHM)
      throw new InvalidAccessToken(`algorithm ${decoded.header.alg} is not accepted`);
    const key = decoded.header.kid ? this.keys.byKid(decoded.header.kid) : undefined;
    if (!key) throw new InvalidAccessToken('unknown signing key');
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, key.publicKey, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
        clockTolerance: TOLERANCE_S,
      }) as jwt.JwtPayload;
    } catch (error) {
      throw new InvalidAccessToken(reasonOf(error));
    }
    if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string' || typeof claims.exp !== 'number') {
      throw new InvalidAccessToken('required claims are missing');
    }
    if (typeof claims.iat !== 'number' || claims.iat > this.clock.now().getTime() / 1000 + TOLERANCE_S) {
      throw new InvalidAccessToken('not yet valid');
    }
    return { userId: claims.sub, tokenId: claims.jti, expiresAt: new Date(claims.exp * 1000) };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof jwt.TokenExpiredError) return 'expired';
  if (error instanceof jwt.NotBeforeError) return 'not yet valid';
  if (error instanceof jwt.JsonWebTokenError) return error.message.replace(/^jwt /, '');
  return 'invalid signature';
}
