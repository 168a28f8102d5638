import type { RedisCircuit } from '../redis-circuit.ts';

type AsyncMethod = (...args: never[]) => Promise<unknown>;
type AsyncKeys<T> = { [K in keyof T]: T[K] extends AsyncMethod ? K : never }[keyof T];

/** What a method answers when Redis cannot: the value that means "not cached". */
export type CacheFallbacks<T> = {
  [K in AsyncKeys<T>]?: () => T[K] extends AsyncMethod ? Awaited<ReturnType<T[K]>> : never;
};

/**
 * A cache port whose every call goes through the Redis circuit. Methods with a fallback
 * (the read path: lookups, leases, fills) answer "not cached" when Redis fails, so the
 * reader goes to PostgreSQL, the truth; the others (the workers' updates and
 * invalidations) fail, so their event is retried once Redis is back and the cache is
 * repaired rather than silently left stale.
 */
export function degradingCache<T extends object>(
  inner: T,
  circuit: RedisCircuit,
  fallbacks: CacheFallbacks<T>,
): T {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const fallback = (fallbacks as Record<PropertyKey, (() => unknown) | undefined>)[property];
      return (...args: unknown[]) =>
        circuit
          .run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args))
          .catch((error) => {
            if (fallback) return fallback();
            throw error;
          });
    },
  });
}
