import type Router from '@koa/router';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Middleware } from 'koa';
import type { Registry } from 'prom-client';
import type { ApiDocs } from '#adapters/http/openapi/api-docs.ts';
import type { KeyRing } from '#adapters/identity/key-ring.ts';
import { token } from '#application/shared/token.ts';

/**
 * Tokens for what is not a port: opened connections, configuration and driving
 * adapters. Ports declare their own token beside their interface (e.g. `UserRepository`).
 */
export const Tokens = {
  Config: Symbol('Config'),
  Logger: Symbol('Logger'),
  Metrics: token<Registry>('Metrics'),
  Orm: Symbol('Orm'),
  EntityManager: token<SqlEntityManager>('EntityManager'),
  Redis: Symbol('Redis'),
  Amqp: Symbol('Amqp'),
  S3: Symbol('S3'),
  OutboxSignal: Symbol('OutboxSignal'),
  EventCatalog: Symbol('EventCatalog'),
  EventTransport: Symbol('EventTransport'),
  EventDispatcher: Symbol('EventDispatcher'),
  EventConsumers: Symbol('EventConsumers'),
  OutboxRelay: Symbol('OutboxRelay'),
  OutboxListener: Symbol('OutboxListener'),
  KeyRing: token<KeyRing>('KeyRing'),
  AccessTokens: Symbol('AccessTokens'),
  /** Koa middleware that requires a valid access token and sets ctx.state.userId. */
  RequireUser: token<Middleware>('RequireUser'),
  /** `ApiRateLimits`: per-address limits in front of the API's routers, per-user ones in RequireUser. */
  ApiRateLimits: Symbol('ApiRateLimits'),
  /** Koa middleware giving a creating route `Idempotency-Key` support (after RequireUser). */
  Idempotent: token<Middleware>('Idempotent'),
  ApiDocs: token<ApiDocs>('ApiDocs'),
  /** Routers of the public API (many). */
  ApiRouters: token<Router>('ApiRouters'),
  /** /health, /ready and /metrics, served by every entrypoint. */
  OperationsRouter: Symbol('OperationsRouter'),
  /** `Draining`: set when a shutdown begins (fails /ready, closes kept-alive connections). */
  Draining: Symbol('Draining'),
} as const;
