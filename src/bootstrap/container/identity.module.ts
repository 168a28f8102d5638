import { ContainerModule } from 'inversify';
import type { Infrastructure } from '../infrastructure.ts';
import { bindIdentityHttp } from './identity/identity-http.bindings.ts';
import { bindIdentityPorts, devProviderSettings } from './identity/identity-ports.bindings.ts';
import { bindIdentityUseCases } from './identity/identity-use-cases.bindings.ts';

export { IdentityTokens } from './identity/identity-tokens.ts';

/** Accounts, sign-in (password and SSO), tokens, profiles, and what protects them. */
export const identityModule = (infra: Infrastructure) =>
  new ContainerModule(({ bind }) => {
    const dev = infra.config.auth.devIdentityProvider.enabled ? devProviderSettings(infra) : undefined;
    bindIdentityPorts(bind, infra, dev);
    bindIdentityUseCases(bind, infra);
    bindIdentityHttp(bind, infra, dev);
  });
