import type { Context, Middleware } from 'koa';
import { advertise } from './rate-limit-headers.ts';
import { keyOf } from './rate-limit.middleware.ts';
import { RateLimited } from './rate-limited.error.ts';
import type { LimiterOptions, LimitUse, RateLimiterStore } from './rate-limiter-store.ts';

/** Whom a group's limit counts: the client address (every request) or the signed-in user. */
export type RateLimitScope = 'per_ip' | 'per_user';

interface RouteGroup {
  /** Which requests the group counts. */
  matches(method: string, path: string): boolean;
  /** Default requests per window; 0 means not limited by this group. */
  per_ip: number;
  per_user: number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const API = /^\/api\//;
const route = (method: string, path: RegExp) => (m: string, p: string) => m === method && path.test(p);

/**
 * The API's route groups and their default limits per window. A request counts against
 * every group it belongs to, so `api` is a ceiling for all routes and the others are
 * tighter budgets for expensive ones. Credential routes have their own, stricter limits
 * (per account too) in `auth-rate-limits.ts`. Group names appear in `API_RATE_LIMITS`.
 */
export const API_RATE_LIMIT_GROUPS = {
  /** Every request under /api: 100/s per address, 50/s per user (all of a user's clients). */
  api: { matches: (_m: string, p: string) => API.test(p), per_ip: 6_000, per_user: 3_000 },
  /** Authenticated writes (posts, likes, follows, tasks, uploads…): 10/s per user. */
  writes: { matches: (m: string, p: string) => WRITES.has(m) && API.test(p), per_ip: 0, per_user: 600 },
  feed: { matches: route('GET', /^\/api\/v1\/feed\/?$/), per_ip: 1_200, per_user: 300 },
  popular: { matches: route('GET', /^\/api\/v1\/posts\/popular\/?$/), per_ip: 600, per_user: 120 },
  /** Each upload is up to 10 MB and three renditions of work. */
  'avatar-uploads': { matches: route('POST', /^\/api\/v1\/avatars\/?$/), per_ip: 300, per_user: 60 },
} satisfies Record<string, RouteGroup>;

export type RateLimitGroup = keyof typeof API_RATE_LIMIT_GROUPS;
export const RATE_LIMIT_GROUPS = Object.keys(API_RATE_LIMIT_GROUPS) as RateLimitGroup[];

/** Limits replacing the defaults, e.g. `{ feed: { per_user: 600 } }` (0 lifts the limit). */
export type RateLimitOverrides = Partial<Record<RateLimitGroup, Partial<Record<RateLimitScope, number>>>>;

export interface ApiRateLimits {
  /** Before routing: the per-address limits of the request's groups. */
  byAddress: Middleware;
  /** Wraps the authentication guard: once the user is known, the per-user limits of the request's groups. */
  afterAuthentication(guard: Middleware): Middleware;
}

/**
 * Every /api route limited per client address, and every authenticated one per user too,
 * without each router having to remember it: per-address limits run in front of the
 * routers, per-user ones inside `requireUser`, right after the token is verified. The
 * limits of one stage are counted in one step (one Redis round trip for all the groups a
 * request belongs to), in group order, stopping at the first one exceeded — exactly as
 * consuming them one after the other would.
 */
export function apiRateLimits(
  store: RateLimiterStore,
  windowSeconds: number,
  overrides: RateLimitOverrides = {},
): ApiRateLimits {
  const groups = RATE_LIMIT_GROUPS.map((name) => {
    const group: RouteGroup = API_RATE_LIMIT_GROUPS[name];
    const limit = (scope: RateLimitScope): LimiterOptions | null => {
      const points = overrides[name]?.[scope] ?? group[scope];
      if (points <= 0) return null;
      const by = scope === 'per_ip' ? 'ip' : 'user';
      return { name: `api-${name}-${by}`, points, durationSeconds: windowSeconds };
    };
    return { matches: group.matches, perIp: limit('per_ip'), perUser: limit('per_user') };
  });
  const stage = (scope: 'perIp' | 'perUser'): Middleware => {
    const by = scope === 'perIp' ? 'ip' : 'user';
    return async (ctx, next) => {
      const uses: LimitUse[] = [];
      for (const g of groups) {
        const options = g[scope];
        if (options && g.matches(ctx.method, ctx.path)) uses.push({ options, key: keyOf(by, ctx)! });
      }
      if (uses.length > 0) await count(store, uses, ctx);
      await next();
    };
  };
  const byUser = stage('perUser');
  return {
    byAddress: stage('perIp'),
    afterAuthentication: (guard) => (ctx, next) => guard(ctx, () => byUser(ctx, next)),
  };
}

/** Counts the request against its limits, advertises each; 429 over any. */
async function count(store: RateLimiterStore, uses: readonly LimitUse[], ctx: Context): Promise<void> {
  const results = await store.consumeInTurn(uses);
  results.forEach((result, i) => {
    const { options } = uses[i]!;
    advertise(ctx, options, result);
    if (result.consumedPoints > options.points) {
      store.refused(options.name);
      throw new RateLimited(result.msBeforeNext / 1000);
    }
  });
}
