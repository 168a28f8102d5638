import { token } from '../shared/token.ts';

export interface IssuedAccessToken {
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/** Short-lived bearer tokens that prove who a user is to every Rookery API. */
export interface AccessTokenIssuer {
  issue(userId: string): Promise<IssuedAccessToken>;
}
export const AccessTokenIssuer = token<AccessTokenIssuer>('AccessTokenIssuer');
