import { InvalidSsoHandoff } from './identity.errors.ts';

/**
 * How a finished SSO sign-in reaches the web app without tokens in a URL: the callback
 * leaves a one-time code (in the URL fragment, which browsers never send to servers), and
 * the web app exchanges it by POST within a short time. Only the code's digest is stored.
 */
export class SsoHandoff {
  readonly codeHash!: string;
  readonly userId!: string;
  readonly createdAt!: Date;
  readonly expiresAt!: Date;
  readonly redeemedAt!: Date | null;

  private constructor() {}

  static create(input: { codeHash: string; userId: string; at: Date; ttlMs: number }): SsoHandoff {
    const handoff = new SsoHandoff();
    Object.assign(handoff, {
      codeHash: input.codeHash,
      userId: input.userId,
      createdAt: input.at,
      expiresAt: new Date(input.at.getTime() + input.ttlMs),
      redeemedAt: null,
    });
    return handoff;
  }

  /** Once, before it expires; returns whose sign-in it completes. */
  redeem(at: Date): string {
    if (this.redeemedAt || at.getTime() >= this.expiresAt.getTime()) throw new InvalidSsoHandoff();
    Object.assign(this, { redeemedAt: at });
    return this.userId;
  }
}
