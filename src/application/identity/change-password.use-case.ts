import { WrongPassword } from '#domain/identity/identity.errors.ts';
import { acceptableNewPassword } from '#domain/identity/password-policy.ts';
import { PasswordNotSet, UserNotFound } from '#domain/users/user.errors.ts';
import type { Clock } from '../shared/clock.ts';
import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { UserRepository } from '../users/user.repository.ts';
import type { CommonPasswords } from './common-passwords.ts';
import type { PasswordHasher } from './password-hasher.ts';
import type { RefreshTokenRepository } from './refresh-token.repository.ts';
import type { IssuedSession, SessionIssuer } from './session-issuer.ts';

export interface ChangePasswordCommand {
  userId: string;
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the password after proving the current one, signs every session out (whoever
 * knew the old password may hold one), and starts a fresh session for the caller.
 */
export class ChangePassword {
  private readonly uow: UnitOfWork;
  private readonly users: UserRepository;
  private readonly refreshTokens: RefreshTokenRepository;
  private readonly hasher: PasswordHasher;
  private readonly sessions: SessionIssuer;
  private readonly clock: Clock;
  private readonly commonPasswords: CommonPasswords;

  constructor(
    uow: UnitOfWork,
    users: UserRepository,
    refreshTokens: RefreshTokenRepository,
    hasher: PasswordHasher,
    sessions: SessionIssuer,
    clock: Clock,
    commonPasswords: CommonPasswords,
  ) {
    this.uow = uow;
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.hasher = hasher;
    this.sessions = sessions;
    this.clock = clock;
    this.commonPasswords = commonPasswords;
  }

  async execute(command: ChangePasswordCommand): Promise<IssuedSession> {
    const current = await this.users.byId(command.userId);
    if (!current) throw new UserNotFound(command.userId);
    if (current.passwordHash === null) throw new PasswordNotSet();
    if (!(await this.hasher.verify(command.currentPassword, current.passwordHash))) throw new WrongPassword();
    const passwordHash = await this.hasher.hash(
      acceptableNewPassword(command.newPassword, this.commonPasswords),
    );
    const at = this.clock.now();
    return this.uow.transaction(async () => {
      const user = await this.users.byId(command.userId);
      if (!user) throw new UserNotFound(command.userId);
      user.changePassword(passwordHash, at);
      await this.refreshTokens.revokeAllOf(user.id, at);
      return this.sessions.start(user, at);
    });
  }
}
