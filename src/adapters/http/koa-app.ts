import Koa, { type Middleware } from 'koa';
import type Router from '@koa/router';
import { koaBody } from 'koa-body';
import helmet from 'koa-helmet';
import type { Registry } from 'prom-client';
import type { Logger } from '../telemetry/logger.ts';
import { accessLog } from './middleware/access-log.middleware.ts';
import { crossOriginRequests } from './middleware/cors.middleware.ts';
import { httpMetrics } from './middleware/http-metrics.middleware.ts';
import { jsonBodyRequired } from './middleware/json-body-required.middleware.ts';
import { jsonDepthLimit } from './middleware/json-depth-limit.middleware.ts';
import { privateResponses } from './middleware/private-responses.middleware.ts';
import { problemDetails } from './middleware/problem-details.middleware.ts';
import { requestId } from './middleware/request-id.middleware.ts';
import { legacyRateLimitHeaders } from './rate-limit/rate-limit-headers.ts';

export interface HttpAppOptions {
  logger: Logger;
  metrics: Registry;
  routers: readonly Router[];
  jsonLimitKb: number;
  trustProxy: boolean;
  /** Browser origins allowed to call the API (exact matches); none when empty. */
  corsOrigins?: readonly string[];
  /** Also send the 2022 draft's RateLimit-Limit/-Remaining/-Reset. */
  legacyRateLimitHeaders?: boolean;
  /** Run in front of the routers (after error mapping, before body parsing): e.g. per-address rate limits. */
  beforeRoutes?: readonly Middleware[];
  /** Wraps each request in its own persistence scope (identity map), e.g. MikroORM's RequestContext. */
  requestScope?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The Koa application: cross-cutting middleware in a fixed order, then the routers. */
export function createHttpApp(options: HttpAppOptions): Koa {
  const app = new Koa({ proxy: options.trustProxy });
  app.silent = true; // errors are logged once, by problemDetails
  const scope = options.requestScope;
  app.use(requestId(options.logger));
  app.use(accessLog(options.logger));
  app.use(httpMetrics(options.metrics));
  if (options.legacyRateLimitHeaders) app.use(legacyRateLimitHeaders());
  if (options.corsOrigins?.length) app.use(crossOriginRequests(options.corsOrigins));
  app.use(privateResponses());
  app.use(problemDetails(options.logger));
  app.use(helmet());
  for (const middleware of options.beforeRoutes ?? []) app.use(middleware);
  app.use(jsonBodyRequired());
  app.use(
    koaBody({
      json: true,
      jsonStrict: true,
      jsonLimit: `${options.jsonLimitKb}kb`,
      multipart: false,
      urlencoded: false,
      text: false,
      parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'] as Parameters<typeof koaBody>[0] extends infer O
        ? O extends { parsedMethods?: infer M }
          ? M
          : never
        : never,
    }),
  );
  app.use(jsonDepthLimit());
  if (scope) app.use((_ctx, next) => scope(() => next()));
  for (const router of options.routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
