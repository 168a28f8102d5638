import type { AccessTokenIssuer, IssuedAccessToken } from '#application/identity/access-token-issuer.ts';

export class FakeAccessTokenIssuer implements AccessTokenIssuer {
  private issued = 0;

  async issue(userId: string): Promise<IssuedAccessToken> {
    this.issued++;
    return { token: `access:${userId}:${this.issued}`, expiresIn: 900 };
  }
}
