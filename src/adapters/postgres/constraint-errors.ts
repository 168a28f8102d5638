import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { DomainError } from '#domain/shared/domain-error.ts';
import { ExternalIdentityTaken } from '#domain/identity/identity.errors.ts';
import { EmailAlreadyRegistered, HandleTaken } from '#domain/users/user.errors.ts';

/**
 * Uniqueness is decided by the database at commit (checking first would race), so a
 * violated constraint is translated back into the domain's own error here, by name.
 */
const byConstraint: Readonly<Record<string, () => DomainError>> = {
  users_email_key: () => new EmailAlreadyRegistered(),
  users_handle_key: () => new HandleTaken(),
  user_identities_pkey: () => new ExternalIdentityTaken(),
};

export function translateConstraintViolation(error: unknown): unknown {
  if (!(error instanceof UniqueConstraintViolationException)) return error;
  const constraint = (error as { constraint?: string }).constraint;
  const toError = constraint ? byConstraint[constraint] : undefined;
  return toError ? toError() : error;
}
