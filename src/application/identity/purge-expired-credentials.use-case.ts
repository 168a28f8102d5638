import type { Clock } from '../shared/clock.ts';
import type { EmailVerificationRepository } from './email-verification.repository.ts';
import type { RefreshTokenRepository } from './refresh-token.repository.ts';
import type { SsoHandoffRepository } from './sso-handoff.repository.ts';

/** A day of grace: a just-expired token still answers "invalid" rather than "unknown" for a while. */
const GRACE_MS = 86_400_000;

export interface PurgeExpiredCredentialsResult {
  refreshTokens: number;
  ssoCodes: number;
  verificationLinks: number;
}

/**
 * Deletes refresh tokens, one-time SSO codes and e-mail verification links that expired more than a day ago. Rotated
 * tokens are kept until then because reuse detection needs them. Meant for a scheduled job.
 */
export class PurgeExpiredCredentials {
  private readonly refreshTokens: RefreshTokenRepository;
  private readonly handoffs: SsoHandoffRepository;
  private readonly verifications: EmailVerificationRepository;
  private readonly clock: Clock;

  constructor(
    refreshTokens: RefreshTokenRepository,
    handoffs: SsoHandoffRepository,
    verifications: EmailVerificationRepository,
    clock: Clock,
  ) {
    this.refreshTokens = refreshTokens;
    this.handoffs = handoffs;
    this.verifications = verifications;
    this.clock = clock;
  }

  async execute(): Promise<PurgeExpiredCredentialsResult> {
    const before = new Date(this.clock.now().getTime() - GRACE_MS);
    return {
      refreshTokens: await this.refreshTokens.deleteExpired(before),
      ssoCodes: await this.handoffs.deleteExpired(before),
      verificationLinks: await this.verifications.deleteExpired(before),
    };
  }
}
