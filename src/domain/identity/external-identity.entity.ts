/**
 * A Rookery account's identity at an OpenID provider: the pair (issuer, subject) is the
 * only stable, unique key a provider guarantees (e-mails change and get reassigned).
 */
export class ExternalIdentity {
  readonly issuer!: string;
  readonly subject!: string;
  readonly userId!: string;
  /** The configured provider name it came through (`google`), for display and audits. */
  readonly provider!: string;
  readonly createdAt!: Date;

  private constructor() {}

  static link(input: { issuer: string; subject: string; userId: string; provider: string; at: Date }) {
    const identity = new ExternalIdentity();
    Object.assign(identity, {
      issuer: input.issuer,
      subject: input.subject,
      userId: input.userId,
      provider: input.provider,
      createdAt: input.at,
    });
    return identity;
  }
}
