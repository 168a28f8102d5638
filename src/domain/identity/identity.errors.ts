import { DomainError } from '../shared/domain-error.ts';

/** Unknown e-mail or wrong password: deliberately one answer, so neither can be probed. */
export class InvalidCredentials extends DomainError {
  constructor() {
    super('auth.invalid_credentials', 'unauthenticated', 'The e-mail address or password is not correct.');
  }
}

export class InvalidRefreshToken extends DomainError {
  constructor() {
    super('auth.invalid_refresh_token', 'unauthenticated', 'The refresh token is not valid; sign in again.');
  }
}

/**
 * A refresh token was presented after it had already been exchanged: either the client
 * has a bug or someone else holds a copy. Its whole family has been revoked.
 */
export class RefreshTokenReused extends DomainError {
  constructor() {
    super(
      'auth.refresh_token_reused',
      'unauthenticated',
      'This refresh token was already used; every session it belongs to has been signed out.',
    );
  }
}

/** The current password given to authorise a change was wrong (403, not 401: the session is fine). */
export class WrongPassword extends DomainError {
  constructor() {
    super('auth.wrong_password', 'forbidden', 'The current password is not correct.');
  }
}

export class InvalidSsoHandoff extends DomainError {
  constructor() {
    super('auth.sso_code_invalid', 'unauthenticated', 'The sign-in code is unknown, used or expired.');
  }
}

/** The provider's answer could not be trusted (state, nonce, signature, issuer, audience…). */
export class SsoSignInRefused extends DomainError {
  constructor(reason: string) {
    super('auth.sso_refused', 'unauthenticated', `Single sign-on was refused: ${reason}.`);
  }
}

export class UnknownSsoProvider extends DomainError {
  constructor(provider: string) {
    super('auth.sso_provider_unknown', 'not_found', `No single sign-on provider named "${provider}".`);
  }
}

/**
 * An account with this e-mail exists but the provider does not vouch for the address, so
 * linking it would let whoever typed that address at the provider take the account over.
 */
export class UnverifiedEmailInUse extends DomainError {
  constructor() {
    super(
      'auth.sso_email_unverified',
      'conflict',
      'An account with this e-mail address exists, but the provider has not verified the address. ' +
        'Sign in with your password, or verify the address at the provider first.',
    );
  }
}

export class ExternalIdentityTaken extends DomainError {
  constructor() {
    super('auth.sso_identity_taken', 'conflict', 'This external identity is already linked to an account.');
  }
}

/** The link is not one Rookery signed (mangled in transit, or forged). */
export class InvalidVerificationLink extends DomainError {
  constructor() {
    super('auth.verification_link_invalid', 'invalid', 'This verification link is not valid.');
  }
}

export class EmailVerificationExpired extends DomainError {
  constructor() {
    super(
      'auth.verification_link_expired',
      'invalid',
      'This verification link has expired; sign in and ask for a new one.',
    );
  }
}

export class EmailVerificationUsed extends DomainError {
  constructor() {
    super('auth.verification_link_used', 'conflict', 'This verification link was already used.');
  }
}

export class EmailAlreadyVerified extends DomainError {
  constructor() {
    super('auth.email_already_verified', 'conflict', 'This account’s e-mail address is already verified.');
  }
}

/**
 * SSO met an account with the same e-mail that never proved it: whoever created it may not
 * own the address (pre-hijacking), so the provider's identity is not attached to it.
 */
export class UnverifiedAccountWithEmail extends DomainError {
  constructor() {
    super(
      'auth.sso_account_unverified',
      'conflict',
      'An account with this e-mail address exists but has not verified the address, so single sign-on ' +
        'cannot be attached to it. Verify the address from the link sent to it, then sign in with the ' +
        'password to link the provider.',
    );
  }
}

/**
 * SSO met a verified password account with the same e-mail: linking needs the account's own
 * proof (its password), never just the provider's word.
 */
export class SsoLinkNeedsPassword extends DomainError {
  constructor(ticket: string) {
    super(
      'auth.sso_link_requires_password',
      'conflict',
      'An account with this e-mail address exists. Enter its password to link this provider to it.',
      { link_ticket: ticket },
    );
  }
}

/** The link ticket of an SSO sign-in awaiting a password is unknown, tampered with or expired. */
export class InvalidSsoLinkTicket extends DomainError {
  constructor() {
    super(
      'auth.sso_link_ticket_invalid',
      'invalid',
      'The link request is unknown or expired; sign in again.',
    );
  }
}

/** SSO met a verified account with the same e-mail and no password: it signs in through its own provider. */
export class SsoAccountExists extends DomainError {
  constructor() {
    super(
      'auth.sso_account_exists',
      'conflict',
      'An account with this e-mail address exists and signs in through another provider; sign in with that one.',
    );
  }
}
