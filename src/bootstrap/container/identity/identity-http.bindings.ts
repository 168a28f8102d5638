import type { ContainerModuleLoadOptions } from 'inversify';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { authRateLimits } from '#adapters/http/identity/auth-rate-limits.ts';
import { authRouter } from '#adapters/http/identity/auth.router.ts';
import { devIdentityProviderRouter } from '#adapters/http/identity/dev-identity-provider.router.ts';
import { emailVerificationRouter } from '#adapters/http/identity/email-verification.router.ts';
import { jwksRouter } from '#adapters/http/identity/jwks.router.ts';
import { requireAdmin } from '#adapters/http/identity/require-admin.middleware.ts';
import { requireUser } from '#adapters/http/identity/require-user.middleware.ts';
import { ssoRouter } from '#adapters/http/identity/sso.router.ts';
import type { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import type { ApiRateLimits } from '#adapters/http/rate-limit/api-rate-limits.ts';
import type { RateLimit } from '#adapters/http/rate-limit/rate-limit.middleware.ts';
import { type RateLimiterStore } from '#adapters/http/rate-limit/rate-limiter-store.ts';
import { meRouter } from '#adapters/http/users/me.router.ts';
import { UserPresenter } from '#adapters/http/users/user.presenter.ts';
import { usersRouter } from '#adapters/http/users/users.router.ts';
import { webAuthRouter } from '#adapters/http/web/auth/web-auth.router.ts';
import { createDevIdentityProvider } from '#adapters/identity/dev-identity-provider.ts';
import { type JwtAccessTokens } from '#adapters/identity/jwt-access-tokens.ts';
import {
  type OpenIdConnectSignIn,
  type SsoProviderSettings,
} from '#adapters/identity/oidc/openid-connect-sign-in.ts';
import { SsoStateSealer } from '#adapters/identity/oidc/sso-state-sealer.ts';
import { ChangePassword } from '#application/identity/change-password.use-case.ts';
import { IdentifyRefreshToken } from '#application/identity/identify-refresh-token.use-case.ts';
import { LinkSsoWithPassword } from '#application/identity/link-sso-with-password.use-case.ts';
import { LogIn } from '#application/identity/log-in.use-case.ts';
import { LogOut } from '#application/identity/log-out.use-case.ts';
import { RedeemSsoHandoff } from '#application/identity/redeem-sso-handoff.use-case.ts';
import { RefreshSession } from '#application/identity/refresh-session.use-case.ts';
import { RegisterAccount } from '#application/identity/register-account.use-case.ts';
import { RequestEmailVerification } from '#application/identity/request-email-verification.use-case.ts';
import { SignInWithSso } from '#application/identity/sign-in-with-sso.use-case.ts';
import { SsoLinkTickets } from '#application/identity/sso-link-tickets.ts';
import { VerifyEmailAddress } from '#application/identity/verify-email-address.use-case.ts';
import { Clock } from '#application/shared/clock.ts';
import { GetUserProfile } from '#application/users/get-user-profile.use-case.ts';
import { UpdateMyProfile } from '#application/users/update-my-profile.use-case.ts';
import { UserRepository } from '#application/users/user.repository.ts';
import type { Infrastructure } from '../../infrastructure.ts';
import { Tokens } from '../tokens.ts';
import { bindFactory } from '../wiring.ts';
import { DEV_IDP_PATH } from './identity-ports.bindings.ts';
import { IdentityTokens } from './identity-tokens.ts';

type Bind = ContainerModuleLoadOptions['bind'];

/** Guards, routers (auth, SSO, profiles, web pages) and, when on, the dev identity provider. */
export function bindIdentityHttp(
  bind: Bind,
  infra: Infrastructure,
  devSettings: SsoProviderSettings | undefined,
): void {
  const { auth, http } = infra.config;
  const users = new UserPresenter(http.publicUrl);
  bind<Middleware>(Tokens.RequireUser).toResolvedValue(
    (tokens: JwtAccessTokens, repository: UserRepository, limits: ApiRateLimits) =>
      limits.afterAuthentication(requireUser(tokens, repository)),
    [Tokens.AccessTokens, UserRepository, Tokens.ApiRateLimits],
  );
  bind<Middleware>(IdentityTokens.RequireAdmin).toResolvedValue(
    (repository: UserRepository) => requireAdmin(repository),
    [UserRepository],
  );
  const routers = (factory: (...deps: never[]) => Router, deps: unknown[]) =>
    bind<Router>(Tokens.ApiRouters).toResolvedValue(factory as never, deps as never);
  const credentialLimits = (store: RateLimiterStore, rateLimit: RateLimit, identify: IdentifyRefreshToken) =>
    authRateLimits(store, rateLimit, auth.rateLimits, (refreshToken) => identify.execute({ refreshToken }));
  routers((docs: ApiDocs) => jwksRouter(infra.keys, docs), [Tokens.ApiDocs]);
  bindFactory(
    bind,
    Tokens.ApiRouters,
    (d: {
      docs: ApiDocs;
      requireUser: Middleware;
      store: RateLimiterStore;
      rateLimit: RateLimit;
      identify: IdentifyRefreshToken;
      verify: VerifyEmailAddress;
      request: RequestEmailVerification;
      linkSso: LinkSsoWithPassword;
      tickets: SsoLinkTickets;
      clock: Clock;
    }) => {
      const owner = (ticket: string) => {
        try {
          return d.tickets.open(ticket, d.clock.now()).userId;
        } catch {
          return undefined;
        }
      };
      const identify = (refreshToken: string) => d.identify.execute({ refreshToken });
      const limits = authRateLimits(d.store, d.rateLimit, auth.rateLimits, identify, owner);
      return emailVerificationRouter(d, {
        requireUser: d.requireUser,
        resendLimits: limits.resendVerification,
        linkLimits: limits.ssoLink,
        users,
        docs: d.docs,
      });
    },
    {
      docs: Tokens.ApiDocs,
      requireUser: Tokens.RequireUser,
      store: IdentityTokens.RateLimiterStore,
      rateLimit: IdentityTokens.RateLimit,
      identify: IdentifyRefreshToken,
      verify: VerifyEmailAddress,
      request: RequestEmailVerification,
      linkSso: LinkSsoWithPassword,
      tickets: SsoLinkTickets,
      clock: Clock,
    },
  );
  routers(
    (
      docs: ApiDocs,
      guard: Middleware,
      store: RateLimiterStore,
      rateLimit: RateLimit,
      register: RegisterAccount,
      logIn: LogIn,
      refresh: RefreshSession,
      logOut: LogOut,
      identify: IdentifyRefreshToken,
    ) =>
      authRouter(
        { register, logIn, refresh, logOut },
        { requireUser: guard, limits: credentialLimits(store, rateLimit, identify), users, docs },
      ),
    [
      Tokens.ApiDocs,
      Tokens.RequireUser,
      IdentityTokens.RateLimiterStore,
      IdentityTokens.RateLimit,
      RegisterAccount,
      LogIn,
      RefreshSession,
      LogOut,
      IdentifyRefreshToken,
    ],
  );
  routers(
    (
      docs: ApiDocs,
      providers: Map<string, OpenIdConnectSignIn>,
      store: RateLimiterStore,
      rateLimit: RateLimit,
      signIn: SignInWithSso,
      redeem: RedeemSsoHandoff,
      clock: Clock,
      identify: IdentifyRefreshToken,
    ) =>
      ssoRouter(
        {
          providers,
          sealer: SsoStateSealer.fromKeyRing(infra.keys),
          signIn,
          redeem,
          exchangeLimits: credentialLimits(store, rateLimit, identify).ssoExchange,
          users,
          publicUrl: http.publicUrl,
          now: () => clock.now(),
          spendState: spentStates(store),
        },
        docs,
      ),
    [
      Tokens.ApiDocs,
      IdentityTokens.SsoProviders,
      IdentityTokens.RateLimiterStore,
      IdentityTokens.RateLimit,
      SignInWithSso,
      RedeemSsoHandoff,
      Clock,
      IdentifyRefreshToken,
    ],
  );
  routers(
    (
      docs: ApiDocs,
      guard: Middleware,
      profile: GetUserProfile,
      update: UpdateMyProfile,
      changePassword: ChangePassword,
    ) => meRouter({ profile, update, changePassword }, { requireUser: guard, users, docs }),
    [Tokens.ApiDocs, Tokens.RequireUser, GetUserProfile, UpdateMyProfile, ChangePassword],
  );
  routers(
    (docs: ApiDocs, guard: Middleware, profile: GetUserProfile) =>
      usersRouter(profile, { requireUser: guard, users, docs }),
    [Tokens.ApiDocs, Tokens.RequireUser, GetUserProfile],
  );
  routers(
    (providers: Map<string, OpenIdConnectSignIn>) =>
      webAuthRouter(() => [...providers.values()].map((p) => p.settings)),
    [IdentityTokens.SsoProviders],
  );
  const { users: devUsers } = auth.devIdentityProvider;
  if (devSettings) {
    // Built when the API's routers are, so other roles and one-shot commands skip its key generation.
    routers(() => {
      const provider = createDevIdentityProvider({
        issuer: devSettings.issuer,
        clientId: devSettings.clientId,
        clientSecret: devSettings.clientSecret,
        redirectUris: [devSettings.callbackUrl],
        users: devUsers,
        trustProxy: http.trustProxy,
      });
      return devIdentityProviderRouter(provider, devUsers, DEV_IDP_PATH);
    }, []);
  }
}

/** SSO states seen at a callback, for as long as a state lives (the store is Redis in full mode). */
function spentStates(store: RateLimiterStore) {
  const spent = store.limiter({ name: 'sso-state-spent', points: 1, durationSeconds: 10 * 60 });
  return async (handle: string) => {
    const seen = await spent.penalty(`state:${handle}`, 1);
    return seen.consumedPoints === 1;
  };
}
