import type { SqlEntityManager } from '@mikro-orm/sql';
import { KeyRingVerificationLinks } from '#adapters/identity/key-ring-verification-links.ts';
import { SealedSsoLinkTickets } from '#adapters/identity/oidc/sealed-sso-link-tickets.ts';
import { HandlebarsVerificationMailRenderer } from '#adapters/mail/handlebars-verification-mail-renderer.ts';
import { PostgresEmailVerificationRepository } from '#adapters/postgres/identity/postgres-email-verification.repository.ts';
import { CommonPasswords } from '#application/identity/common-passwords.ts';
import { EmailVerificationRepository } from '#application/identity/email-verification.repository.ts';
import {
  EmailVerifications,
  EmailVerificationsToken,
  type EmailVerificationsDeps,
} from '#application/identity/email-verifications.ts';
import { ExternalIdentityRepository } from '#application/identity/external-identity.repository.ts';
import { LinkSsoWithPassword } from '#application/identity/link-sso-with-password.use-case.ts';
import { OpaqueTokens } from '#application/identity/opaque-tokens.ts';
import { PasswordHasher } from '#application/identity/password-hasher.ts';
import { RegisterAccount } from '#application/identity/register-account.use-case.ts';
import { RequestEmailVerification } from '#application/identity/request-email-verification.use-case.ts';
import { SendVerificationEmail } from '#application/identity/send-verification-email.consumer.ts';
import { SignInWithSso, type SignInWithSsoDeps } from '#application/identity/sign-in-with-sso.use-case.ts';
import { SsoHandoffRepository } from '#application/identity/sso-handoff.repository.ts';
import { SsoLinkTickets } from '#application/identity/sso-link-tickets.ts';
import { VerificationLinks } from '#application/identity/verification-links.ts';
import { VerificationMailRenderer } from '#application/identity/verification-mail-renderer.ts';
import { VerifyEmailAddress } from '#application/identity/verify-email-address.use-case.ts';
import { Mailer } from '#application/mail/mailer.ts';
import { SentMails } from '#application/mail/sent-mails.ts';
import { EventHandlers } from '#application/messaging/event-handler.ts';
import { Clock } from '#application/shared/clock.ts';
import { EventPublisher } from '#application/shared/event-publisher.ts';
import { IdGenerator } from '#application/shared/id-generator.ts';
import { UnitOfWork } from '#application/shared/unit-of-work.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import type { Infrastructure } from '../../infrastructure.ts';
import { Tokens } from '../tokens.ts';
import { bindClass, bindFactory, bindUseCase, type Bind } from '../wiring.ts';
import { IdentityTokens } from './identity-tokens.ts';

const SSO_HANDOFF_TTL_MS = 60_000;
const VERIFICATION_TTL_MS = 48 * 3_600_000;

/** Proving e-mail addresses (links, the mail, the page's endpoint) and SSO sign-ins that depend on it. */
export function bindEmailVerification(bind: Bind, infra: Infrastructure): void {
  const { publicUrl } = infra.config.http;
  const { Metrics } = Tokens;
  bindFactory(
    bind,
    EmailVerificationRepository,
    ({ em }: { em: SqlEntityManager }) => new PostgresEmailVerificationRepository(em),
    {
      em: Tokens.EntityManager,
    },
  );
  bind(VerificationLinks).toConstantValue(new KeyRingVerificationLinks(infra.keys, publicUrl));
  bind(VerificationMailRenderer).toConstantValue(new HandlebarsVerificationMailRenderer());
  bind(SsoLinkTickets).toConstantValue(new SealedSsoLinkTickets(infra.keys));
  bindFactory(
    bind,
    EmailVerificationsToken,
    (deps: Omit<EmailVerificationsDeps, 'ttlMs'>) =>
      new EmailVerifications({ ...deps, ttlMs: VERIFICATION_TTL_MS }),
    { verifications: EmailVerificationRepository, events: EventPublisher, ids: IdGenerator },
  );
  const common = { uow: UnitOfWork, users: UserRepository, clock: Clock };
  bindUseCase(
    bind,
    RegisterAccount,
    {
      ...common,
      events: EventPublisher,
      hasher: PasswordHasher,
      sessions: IdentityTokens.SessionIssuer,
      verifications: EmailVerificationsToken,
      commonPasswords: CommonPasswords,
      ids: IdGenerator,
    },
    Metrics,
  );
  bindUseCase(bind, RequestEmailVerification, { ...common, verifications: EmailVerificationsToken }, Metrics);
  bindUseCase(
    bind,
    VerifyEmailAddress,
    { ...common, verifications: EmailVerificationRepository, links: VerificationLinks },
    Metrics,
  );
  bindUseCase(
    bind,
    LinkSsoWithPassword,
    {
      ...common,
      identities: ExternalIdentityRepository,
      tickets: SsoLinkTickets,
      hasher: PasswordHasher,
      sessions: IdentityTokens.SessionIssuer,
    },
    Metrics,
  );
  bindFactory(
    bind,
    SignInWithSso,
    (deps: Omit<SignInWithSsoDeps, 'handoffTtlMs'>) =>
      new SignInWithSso({ ...deps, handoffTtlMs: SSO_HANDOFF_TTL_MS }),
    {
      ...common,
      identities: ExternalIdentityRepository,
      handoffs: SsoHandoffRepository,
      newUsers: IdentityTokens.NewSsoUser,
      tickets: SsoLinkTickets,
      opaque: OpaqueTokens,
    },
  );
  bindClass(bind, SendVerificationEmail, SendVerificationEmail, {
    verifications: EmailVerificationRepository,
    users: UserRepository,
    links: VerificationLinks,
    renderer: VerificationMailRenderer,
    mailer: Mailer,
    sent: SentMails,
    clock: Clock,
  });
  bind(EventHandlers).toService(SendVerificationEmail);
}
