import { RefreshToken } from '#domain/identity/refresh-token.entity.ts';
import type { User } from '#domain/users/user.entity.ts';
import type { IdGenerator } from '../shared/id-generator.ts';
import type { AccessTokenIssuer } from './access-token-issuer.ts';
import type { OpaqueTokens } from './opaque-tokens.ts';
import type { RefreshTokenRepository } from './refresh-token.repository.ts';

/** What a client holds after signing in or refreshing. */
export interface IssuedSession {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

export interface SessionSettings {
  /** How long an unused refresh token stays valid; each refresh starts the period again. */
  refreshTtlMs: number;
}

/**
 * Hands out an access token with a refresh token: a new family at sign-in, the next link
 * of the family at refresh. Shared by the use cases that sign someone in; it stages
 * writes, so it runs inside their unit of work.
 */
export class SessionIssuer {
  private readonly refreshTokens: RefreshTokenRepository;
  private readonly opaque: OpaqueTokens;
  private readonly accessTokens: AccessTokenIssuer;
  private readonly ids: IdGenerator;
  private readonly settings: SessionSettings;

  constructor(
    refreshTokens: RefreshTokenRepository,
    opaque: OpaqueTokens,
    accessTokens: AccessTokenIssuer,
    ids: IdGenerator,
    settings: SessionSettings,
  ) {
    this.refreshTokens = refreshTokens;
    this.opaque = opaque;
    this.accessTokens = accessTokens;
    this.ids = ids;
    this.settings = settings;
  }

  async start(user: User, at: Date): Promise<IssuedSession> {
    const secret = this.opaque.generate();
    const token = RefreshToken.issue({
      id: this.ids.next(),
      userId: user.id,
      tokenHash: this.opaque.digest(secret),
      at,
      ttlMs: this.settings.refreshTtlMs,
    });
    await this.refreshTokens.add(token);
    return this.withAccessToken(user, secret);
  }

  async rotate(current: RefreshToken, user: User, at: Date): Promise<IssuedSession> {
    const secret = this.opaque.generate();
    const next = current.rotate(
      { id: this.ids.next(), tokenHash: this.opaque.digest(secret) },
      at,
      this.settings.refreshTtlMs,
    );
    await this.refreshTokens.add(next);
    return this.withAccessToken(user, secret);
  }

  private async withAccessToken(user: User, refreshToken: string): Promise<IssuedSession> {
    const access = await this.accessTokens.issue(user.id);
    return { user, accessToken: access.token, refreshToken, expiresIn: access.expiresIn };
  }
}
