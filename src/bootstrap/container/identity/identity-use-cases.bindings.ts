import type { ContainerModuleLoadOptions } from 'inversify';
import { AccessTokenIssuer } from '#application/identity/access-token-issuer.ts';
import { ChangePassword } from '#application/identity/change-password.use-case.ts';
import { CommonPasswords } from '#application/identity/common-passwords.ts';
import { EmailVerificationRepository } from '#application/identity/email-verification.repository.ts';
import { IdentifyRefreshToken } from '#application/identity/identify-refresh-token.use-case.ts';
import { LogIn } from '#application/identity/log-in.use-case.ts';
import { LogOut } from '#application/identity/log-out.use-case.ts';
import { NewSsoUser } from '#application/identity/new-sso-user.ts';
import { OpaqueTokens } from '#application/identity/opaque-tokens.ts';
import { PasswordHasher } from '#application/identity/password-hasher.ts';
import { PurgeExpiredCredentials } from '#application/identity/purge-expired-credentials.use-case.ts';
import { RedeemSsoHandoff } from '#application/identity/redeem-sso-handoff.use-case.ts';
import { RefreshSession } from '#application/identity/refresh-session.use-case.ts';
import { RefreshTokenRepository } from '#application/identity/refresh-token.repository.ts';
import { SessionIssuer } from '#application/identity/session-issuer.ts';
import { SsoHandoffRepository } from '#application/identity/sso-handoff.repository.ts';
import { Clock } from '#application/shared/clock.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { IdGenerator } from '#application/shared/id-generator.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { GetUserProfile } from '#application/users/get-user-profile.use-case.ts';
import { PromoteUser } from '#application/users/promote-user.use-case.ts';
import { PinAvatar } from '#application/avatars/pin-avatar.use-case.ts';
import { UpdateMyProfile } from '#application/users/update-my-profile.use-case.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import type { Infrastructure } from '../../infrastructure.ts';
import { bindUseCase } from '../bind-use-case.ts';
import { bindEmailVerification } from './email-verification.bindings.ts';
import { IdentityTokens } from './identity-tokens.ts';

type Bind = ContainerModuleLoadOptions['bind'];

/** Every identity and profile use case, traced. */
export function bindIdentityUseCases(bind: Bind, infra: Infrastructure): void {
  const { auth } = infra.config;
  bind(IdentityTokens.SessionIssuer).toResolvedValue(
    (r: RefreshTokenRepository, o: OpaqueTokens, a: AccessTokenIssuer, i: IdGenerator) =>
      new SessionIssuer(r, o, a, i, { refreshTtlMs: auth.refreshTtlMs }),
    [RefreshTokenRepository, OpaqueTokens, AccessTokenIssuer, IdGenerator],
  );
  bind(IdentityTokens.NewSsoUser).toResolvedValue(
    (u: UserRepository, e: EventPublisher, i: IdGenerator, o: OpaqueTokens) => new NewSsoUser(u, e, i, o),
    [UserRepository, EventPublisher, IdGenerator, OpaqueTokens],
  );
  bindEmailVerification(bind, infra);
  const S = IdentityTokens.SessionIssuer;
  bindUseCase(
    bind,
    LogIn,
    (w: UnitOfWork, u: UserRepository, h: PasswordHasher, s: SessionIssuer, c: Clock) =>
      new LogIn(w, u, h, s, c),
    [UnitOfWork, UserRepository, PasswordHasher, S, Clock],
  );
  bindUseCase(
    bind,
    RefreshSession,
    (
      w: UnitOfWork,
      r: RefreshTokenRepository,
      u: UserRepository,
      o: OpaqueTokens,
      s: SessionIssuer,
      c: Clock,
    ) => new RefreshSession(w, r, u, o, s, c),
    [UnitOfWork, RefreshTokenRepository, UserRepository, OpaqueTokens, S, Clock],
  );
  bindUseCase(
    bind,
    IdentifyRefreshToken,
    (r: RefreshTokenRepository, o: OpaqueTokens) => new IdentifyRefreshToken(r, o),
    [RefreshTokenRepository, OpaqueTokens],
  );
  bindUseCase(
    bind,
    LogOut,
    (w: UnitOfWork, r: RefreshTokenRepository, o: OpaqueTokens, c: Clock) => new LogOut(w, r, o, c),
    [UnitOfWork, RefreshTokenRepository, OpaqueTokens, Clock],
  );
  bindUseCase(
    bind,
    ChangePassword,
    (
      w: UnitOfWork,
      u: UserRepository,
      r: RefreshTokenRepository,
      h: PasswordHasher,
      s: SessionIssuer,
      c: Clock,
      p: CommonPasswords,
    ) => new ChangePassword(w, u, r, h, s, c, p),
    [UnitOfWork, UserRepository, RefreshTokenRepository, PasswordHasher, S, Clock, CommonPasswords],
  );
  bindUseCase(
    bind,
    RedeemSsoHandoff,
    (
      w: UnitOfWork,
      h: SsoHandoffRepository,
      u: UserRepository,
      o: OpaqueTokens,
      s: SessionIssuer,
      c: Clock,
    ) => new RedeemSsoHandoff(w, h, u, o, s, c),
    [UnitOfWork, SsoHandoffRepository, UserRepository, OpaqueTokens, S, Clock],
  );
  bindUseCase(
    bind,
    PurgeExpiredCredentials,
    (r: RefreshTokenRepository, h: SsoHandoffRepository, v: EmailVerificationRepository, c: Clock) =>
      new PurgeExpiredCredentials(r, h, v, c),
    [RefreshTokenRepository, SsoHandoffRepository, EmailVerificationRepository, Clock],
  );
  bindUseCase(bind, GetUserProfile, (u: UserRepository) => new GetUserProfile(u), [UserRepository]);
  bindUseCase(
    bind,
    UpdateMyProfile,
    (w: UnitOfWork, u: UserRepository, e: EventPublisher, c: Clock, pin: PinAvatar) =>
      new UpdateMyProfile(w, u, e, c, pin),
    [UnitOfWork, UserRepository, EventPublisher, Clock, PinAvatar],
  );
  bindUseCase(bind, PromoteUser, (w: UnitOfWork, u: UserRepository, c: Clock) => new PromoteUser(w, u, c), [
    UnitOfWork,
    UserRepository,
    Clock,
  ]);
}
