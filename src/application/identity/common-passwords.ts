import type { PasswordBlocklist } from '#domain/identity/password-policy.ts';
import { token } from '../shared/token.ts';

/**
 * The most common and breached passwords, checked offline (no password leaves the
 * process): `has` answers for a lower-cased candidate.
 */
export type CommonPasswords = PasswordBlocklist;
export const CommonPasswords = token<CommonPasswords>('CommonPasswords');
