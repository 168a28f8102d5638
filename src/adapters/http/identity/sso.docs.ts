import { z } from 'zod';
import { problems, type ApiDocs } from '../openapi/api-docs.ts';
import { SessionSchema } from './session.schemas.ts';

/** OpenAPI entries of the SSO routes (kept apart: the router is about behaviour). */
export function documentSso(docs: ApiDocs, exchangeBody: z.ZodType): void {
  const base = { tags: ['Auth'], authenticated: false };
  const provider = z.object({ provider: z.string().describe('A configured provider name, e.g. google') });
  docs.route({
    ...base,
    method: 'get',
    operationId: 'listSsoProviders',
    path: '/api/v1/auth/sso',
    summary: 'The configured single sign-on providers',
    responses: {
      200: {
        description: 'Providers, each with the URL that starts its sign-in',
        content: {
          'application/json': {
            schema: z.object({
              items: z.array(z.object({ name: z.string(), label: z.string(), url: z.string() })),
            }),
          },
        },
      },
      429: problems[429],
    },
  });
  docs.route({
    ...base,
    method: 'get',
    operationId: 'startSsoSignIn',
    path: '/api/v1/auth/sso/{provider}',
    summary: 'Start signing in with a provider (authorization code flow with state, nonce and PKCE S256)',
    request: {
      params: provider,
      query: z.object({ next: z.string().optional().describe('Local path to return to') }),
    },
    responses: {
      302: { description: 'To the provider; sets a sealed state cookie' },
      404: problems[404],
      503: problems[503],
    },
  });
  docs.route({
    ...base,
    method: 'get',
    operationId: 'completeSsoSignIn',
    path: '/api/v1/auth/sso/{provider}/callback',
    summary:
      "The provider's redirect back: verifies state, nonce and the ID token, then finds or creates the user",
    request: { params: provider },
    responses: {
      302: {
        description:
          'To /web/auth/complete#code=<one-time code>&next=<path> (browsers also on failure: /web/login?error=<code>)',
      },
      401: problems[401],
      409: problems[409],
    },
  });
  docs.route({
    ...base,
    method: 'post',
    operationId: 'exchangeSsoCode',
    path: '/api/v1/auth/sso/exchange',
    summary: 'Exchange the one-time code from the SSO callback for tokens (once, within a minute)',
    request: { body: { content: { 'application/json': { schema: exchangeBody } } } },
    responses: {
      200: { description: 'Signed in', content: { 'application/json': { schema: SessionSchema } } },
      400: problems[400],
      401: problems[401],
      429: problems[429],
    },
  });
}
