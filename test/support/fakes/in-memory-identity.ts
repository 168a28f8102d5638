import { ChangePassword } from '#application/identity/change-password.use-case.ts';
import { IdentifyRefreshToken } from '#application/identity/identify-refresh-token.use-case.ts';
import { LogIn } from '#application/identity/log-in.use-case.ts';
import { LogOut } from '#application/identity/log-out.use-case.ts';
import { NewSsoUser } from '#application/identity/new-sso-user.ts';
import { RedeemSsoHandoff } from '#application/identity/redeem-sso-handoff.use-case.ts';
import { RefreshSession } from '#application/identity/refresh-session.use-case.ts';
import { EmailVerifications } from '#application/identity/email-verifications.ts';
import { LinkSsoWithPassword } from '#application/identity/link-sso-with-password.use-case.ts';
import { RegisterAccount } from '#application/identity/register-account.use-case.ts';
import { RequestEmailVerification } from '#application/identity/request-email-verification.use-case.ts';
import { SendVerificationEmail } from '#application/identity/send-verification-email.consumer.ts';
import { VerifyEmailAddress } from '#application/identity/verify-email-address.use-case.ts';
import { SessionIssuer } from '#application/identity/session-issuer.ts';
import { SignInWithSso } from '#application/identity/sign-in-with-sso.use-case.ts';
import { FakeAccessTokenIssuer } from './fake-access-token-issuer.ts';
import { FakePasswordHasher } from './fake-password-hasher.ts';
import { FakeVerificationLinks } from './fake-verification-links.ts';
import { InMemoryEmailVerificationRepository } from './in-memory-email-verification.repository.ts';
import { InMemorySentMails } from './in-memory-sent-mails.ts';
import { InMemorySsoLinkTickets } from './in-memory-sso-link-tickets.ts';
import { RecordingMailer } from './recording-mailer.ts';
import { FixedClock } from './fixed-clock.ts';
import { InMemoryExternalIdentityRepository } from './in-memory-external-identity.repository.ts';
import { InMemoryRefreshTokenRepository } from './in-memory-refresh-token.repository.ts';
import { InMemorySsoHandoffRepository } from './in-memory-sso-handoff.repository.ts';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.ts';
import { InMemoryUserRepository } from './in-memory-user.repository.ts';
import { RecordingEventPublisher } from './recording-event-publisher.ts';
import { SequentialIdGenerator } from './sequential-id-generator.ts';
import { SequentialOpaqueTokens } from './sequential-opaque-tokens.ts';

/** A blocklist small enough to read: the real one is the package's (ZxcvbnCommonPasswords). */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(['password', '12345678', 'qwertyuiop']);

export const REFRESH_TTL_MS = 30 * 86_400_000;
export const HANDOFF_TTL_MS = 60_000;
export const VERIFICATION_TTL_MS = 48 * 3_600_000;

/** The identity use cases over in-memory fakes, wired as the container wires the real adapters. */
export function inMemoryIdentity() {
  const uow = new InMemoryUnitOfWork();
  const users = new InMemoryUserRepository(uow);
  const refreshTokens = new InMemoryRefreshTokenRepository(uow);
  const identities = new InMemoryExternalIdentityRepository(uow);
  const handoffs = new InMemorySsoHandoffRepository(uow);
  const events = new RecordingEventPublisher(uow);
  const hasher = new FakePasswordHasher();
  const opaque = new SequentialOpaqueTokens();
  const ids = new SequentialIdGenerator();
  const clock = new FixedClock();
  const sessions = new SessionIssuer(refreshTokens, opaque, new FakeAccessTokenIssuer(), ids, {
    refreshTtlMs: REFRESH_TTL_MS,
  });
  const newUsers = new NewSsoUser(users, events, ids, opaque);
  const emailVerifications = new InMemoryEmailVerificationRepository(uow);
  const verifications = new EmailVerifications({
    verifications: emailVerifications,
    events,
    ids,
    ttlMs: VERIFICATION_TTL_MS,
  });
  const links = new FakeVerificationLinks();
  const tickets = new InMemorySsoLinkTickets();
  const mailer = new RecordingMailer();
  const sent = new InMemorySentMails();
  return {
    uow,
    users,
    refreshTokens,
    identities,
    handoffs,
    events,
    hasher,
    opaque,
    ids,
    clock,
    emailVerifications,
    tickets,
    mailer,
    register: new RegisterAccount({
      uow,
      users,
      events,
      hasher,
      sessions,
      verifications,
      commonPasswords: COMMON_PASSWORDS,
      ids,
      clock,
    }),
    requestVerification: new RequestEmailVerification({ uow, users, verifications, clock }),
    verifyEmail: new VerifyEmailAddress({ uow, users, verifications: emailVerifications, links, clock }),
    verificationMailer: new SendVerificationEmail({
      verifications: emailVerifications,
      users,
      links,
      renderer: {
        render: ({ handle, link }) => ({
          subject: 'Confirm',
          html: `<a href="${link}">${handle}</a>`,
          text: link,
        }),
      },
      mailer,
      sent,
      clock,
    }),
    linkSso: new LinkSsoWithPassword({ uow, users, identities, tickets, hasher, sessions, clock }),
    logIn: new LogIn(uow, users, hasher, sessions, clock),
    refresh: new RefreshSession(uow, refreshTokens, users, opaque, sessions, clock),
    identifyRefreshToken: new IdentifyRefreshToken(refreshTokens, opaque),
    logOut: new LogOut(uow, refreshTokens, opaque, clock),
    changePassword: new ChangePassword(uow, users, refreshTokens, hasher, sessions, clock, COMMON_PASSWORDS),
    signInWithSso: new SignInWithSso({
      uow,
      users,
      identities,
      handoffs,
      newUsers,
      tickets,
      opaque,
      clock,
      handoffTtlMs: HANDOFF_TTL_MS,
    }),
    redeem: new RedeemSsoHandoff(uow, handoffs, users, opaque, sessions, clock),
  };
}
