import type { ExternalIdentity } from '#domain/identity/external-identity.entity.ts';
import { token } from '../shared/token.ts';

/** Links between accounts and their identities at OpenID providers. */
export interface ExternalIdentityRepository {
  /** Stages a link; a second link of the same (issuer, subject) fails on commit. */
  add(identity: ExternalIdentity): Promise<void>;
  find(issuer: string, subject: string): Promise<ExternalIdentity | null>;
}
export const ExternalIdentityRepository = token<ExternalIdentityRepository>('ExternalIdentityRepository');
