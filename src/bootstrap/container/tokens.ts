/**
 * Tokens for what is not a port: opened connections, configuration and driving
 * adapters. Ports declare their own token beside their interface (e.g. `UserRepository`).
 */
export const Tokens = {
  Config: Symbol('Config'),
  Logger: Symbol('Logger'),
  Metrics: Symbol('Metrics'),
  Orm: Symbol('Orm'),
  EntityManager: Symbol('EntityManager'),
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
  KeyRing: Symbol('KeyRing'),
  AccessTokens: Symbol('AccessTokens'),
  /** Koa middleware that requires a valid access token and sets ctx.state.userId. */
  RequireUser: Symbol('RequireUser'),
  /** `ApiRateLimits`: per-address limits in front of the API's routers, per-user ones in RequireUser. */
  ApiRateLimits: Symbol('ApiRateLimits'),
  /** Koa middleware giving a creating route `Idempotency-Key` support (after RequireUser). */
  Idempotent: Symbol('Idempotent'),
  ApiDocs: Symbol('ApiDocs'),
  /** Routers of the public API (many). */
  ApiRouters: Symbol('ApiRouters'),
  /** /health, /ready and /metrics, served by every entrypoint. */
  OperationsRouter: Symbol('OperationsRouter'),
  /** `Draining`: set when a shutdown begins (fails /ready, closes kept-alive connections). */
  Draining: Symbol('Draining'),
} as const;
