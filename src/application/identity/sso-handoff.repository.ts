import type { SsoHandoff } from '#domain/identity/sso-handoff.entity.ts';
import { token } from '../shared/token.ts';

/** One-time codes that carry a finished SSO sign-in to the web app. */
export interface SsoHandoffRepository {
  add(handoff: SsoHandoff): Promise<void>;
  /** The handoff with this code digest, held exclusively until the transaction ends (redeemed once). */
  lockByDigest(codeHash: string): Promise<SsoHandoff | null>;
  /** Deletes codes that expired before `before`; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
export const SsoHandoffRepository = token<SsoHandoffRepository>('SsoHandoffRepository');
