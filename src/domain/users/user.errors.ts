import { DomainError } from '../shared/domain-error.ts';

export class EmailAlreadyRegistered extends DomainError {
  constructor() {
    super('user.email_taken', 'conflict', 'An account with this e-mail address already exists.');
  }
}

export class HandleTaken extends DomainError {
  constructor() {
    super('user.handle_taken', 'conflict', 'This handle is already taken.');
  }
}

export class UserNotFound extends DomainError {
  constructor(id: string) {
    super('user.not_found', 'not_found', `No user with id ${id}.`, { user_id: id });
  }
}

export class PasswordNotSet extends DomainError {
  constructor() {
    super(
      'user.password_not_set',
      'conflict',
      'This account signs in through single sign-on and has no password to change.',
    );
  }
}

export class NoAccountWithEmail extends DomainError {
  constructor(email: string) {
    super('user.not_found', 'not_found', `No account with the e-mail address ${email}.`, { email });
  }
}
