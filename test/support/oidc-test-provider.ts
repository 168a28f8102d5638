import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';

export interface TestAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

export interface TestOidcProvider {
  /** Keycloak-style, with a path: http://127.0.0.1:<port>/realms/rookery */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next login at the provider signs in as (the provider's own login is automatic). */
  signInAs(account: TestAccount): void;
  /** Parameters of the token requests the provider handled. */
  tokenRequests: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider) on its own port, as a test's stand-in for
 * Keycloak or Google: authorization code flow, PKCE required, ES256 ID tokens with e-mail
 * and profile claims. Its login step completes by itself as the account the test chose.
 */
export async function startTestOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const mount = '/realms/rookery';
  const issuer = `http://127.0.0.1:${port}${mount}`;
  const clientId = 'rookery-e2e';
  const clientSecret = randomBytes(16).toString('hex');
  const accounts = new Map<string, TestAccount>();
  let current: TestAccount | undefined;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  const provider = new Provider(issuer, {
    adapter: createMemoryAdapter(),
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: {
      keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-es256', use: 'sig', alg: 'ES256' }],
    },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${mount}/interaction/${interaction.uid}`,
    },
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: 60,
      IdToken: 600,
      AccessToken: 600,
      Interaction: 600,
      Session: 3_600,
      Grant: 3_600,
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ ...account }) } : undefined;
    },
    loadExistingGrant: async (ctx: {
      oidc: { client: { clientId: string }; session: { accountId?: string } };
    }) => {
      const grant = new provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });

  const tokenRequests: Record<string, unknown>[] = [];
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'token') tokenRequests.push({ ...ctx.oidc.params });
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage & { originalUrl?: string }, res) => {
    void (async () => {
      if (!req.url?.startsWith(mount)) return res.writeHead(404).end();
      const path = req.url.slice(mount.length) || '/';
      if (path.startsWith('/interaction/')) {
        const account = current!;
        accounts.set(account.sub, account);
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.sub } },
          { mergeWithLastSubmission: false },
        );
      }
      req.originalUrl = req.url;
      req.url = path;
      return callback(req, res);
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(account) {
      current = account;
    },
    tokenRequests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
