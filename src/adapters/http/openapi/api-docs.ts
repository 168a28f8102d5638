import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** The RFC 9457 body every error response carries. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable error code, e.g. post.text_too_long'),
    instance: z.string().optional(),
    request_id: z.string().optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Standard error responses, to spread into a route's `responses`. */
export const problems = {
  400: problem('The request is malformed or fails validation.'),
  401: problem('Missing, invalid or expired access token.'),
  403: problem('Authenticated, but not allowed to do this.'),
  404: problem('No such resource (or not yours).'),
  409: problem('Conflicts with the current state.'),
  413: problem('The request body is too large.'),
  422: problem('Well-formed but cannot be processed (e.g. an Idempotency-Key reused with another body).'),
  429: problem('Rate limited; see Retry-After.'),
  503: problem('A dependency is unavailable; retry later.'),
} as const;

/**
 * The OpenAPI 3.1 description of the API, assembled from the same zod schemas the
 * routers validate with: each router registers its paths as it is built, so the
 * document cannot drift from what the code accepts.
 */
export class ApiDocs {
  readonly registry = new OpenAPIRegistry();

  constructor() {
    this.registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  }

  private readonly operationIds = new Set<string>();

  /**
   * Every operation has a stable `operationId` (generated clients name their methods after
   * it, so it never changes once shipped) and says whether it needs a token: public ones
   * carry `security: []`, so no client or linter mistakes them for protected ones.
   */
  route(config: RouteConfig & { operationId: string; authenticated?: boolean }): void {
    const { authenticated = true, ...route } = config;
    if (this.operationIds.has(route.operationId))
      throw new Error(`operationId ${route.operationId} is taken`);
    this.operationIds.add(route.operationId);
    this.registry.registerPath({ ...route, security: authenticated ? [{ bearer: [] }] : [] });
  }

  document(info: { version: string; serverUrl: string }) {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Rookery API',
        version: info.version,
        // package.json says UNLICENSED; an SPDX LicenseRef says so in the form OpenAPI 3.1 expects.
        license: { name: 'Proprietary (all rights reserved)', identifier: 'LicenseRef-Proprietary' },
        description:
          'JSON with snake_case fields; errors are RFC 9457 problem details with a machine `code`. ' +
          'Lists take an opaque `cursor` and `limit` (default 20, max 100) and return `{ items, next_cursor }`.',
      },
      servers: [{ url: info.serverUrl }],
    });
  }
}
