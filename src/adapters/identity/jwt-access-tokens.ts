import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { AccessTokenIssuer, IssuedAccessToken } from '#application/identity/access-token-issuer.ts';
import type { Clock } from '#application/shared/clock.ts';
import { DomainError } from '#domain/shared/domain-error.ts';
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

/**
 * ES256 JWTs carrying `sub`, `iat`, `exp`, `iss`, `aud`, `jti` and a `kid` header.
 * Verification accepts exactly one algorithm, this issuer and this audience, and picks
 * the key by `kid` from the key ring, so `alg: none`, HS256-with-the-public-key and
 * foreign keys are all refused before any signature maths.
 */
export class JwtAccessTokens implements AccessTokenIssuer {
  private readonly keys: KeyRing;
  private readonly settings: AccessTokenSettings;
  private readonly clock: Clock;

  constructor(keys: KeyRing, settings: AccessTokenSettings, clock: Clock) {
    this.keys = keys;
    this.settings = settings;
    this.clock = clock;
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
        clockTolerance: 5,
      }) as jwt.JwtPayload;
    } catch (error) {
      throw new InvalidAccessToken(reasonOf(error));
    }
    if (typeof claims.sub !== 'string' || typeof claims.jti !== 'string' || typeof claims.exp !== 'number') {
      throw new InvalidAccessToken('required claims are missing');
    }
    if (typeof claims.iat !== 'number' || claims.iat > this.clock.now().getTime() / 1000 + 5) {
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
