import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from './redis-client.ts';

interface Call {
  script: LuaScript;
  keys: readonly string[];
  args: readonly (string | number)[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

// Script calls made in the same turn of the event loop on one client, waiting to go out as one pipeline.
const queues = new WeakMap<Redis, Call[]>();

/**
 * A Lua script run by digest (EVALSHA), loaded on first use or after the server lost it.
 * Keys go through the client's key prefix like any command's. Scripts make each
 * check-then-write of the cache protocol atomic (a lease compared and a feed filled in
 * one step). Calls made in the same turn of the event loop share one pipeline: one
 * socket write and one round trip instead of one each. Under load that is most of them
 * (every request whose bytes arrived in the same poll phase: feed pages, rate limits);
 * the wait is at most the rest of the turn (setImmediate), well under a millisecond.
 */
export class LuaScript {
  readonly lua: string;
  readonly sha: string;

  constructor(lua: string) {
    this.lua = lua;
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** A script kept in its own `.lua` file beside the adapter (read once, when the module loads). */
  static fromFile(url: URL): LuaScript {
    return new LuaScript(readFileSync(url, 'utf8'));
  }

  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let queue = queues.get(redis);
      if (!queue) {
        queues.set(redis, (queue = []));
        setImmediate(() => void flush(redis));
      }
      queue.push({ script: this, keys, args, resolve, reject });
    });
  }
}

async function flush(redis: Redis): Promise<void> {
  const calls = queues.get(redis) ?? [];
  queues.delete(redis);
  try {
    const pipeline = redis.pipeline();
    for (const c of calls) pipeline.evalsha(c.script.sha, c.keys.length, ...c.keys, ...c.args);
    const results = (await pipeline.exec()) ?? [];
    await Promise.all(
      calls.map(async (c, i) => {
        const [error, value] = results[i] ?? [new Error('no reply')];
        if (!error) return c.resolve(value);
        if (!String(error).includes('NOSCRIPT')) return c.reject(error);
        try {
          c.resolve(await redis.eval(c.script.lua, c.keys.length, ...c.keys, ...c.args));
        } catch (retryError) {
          c.reject(retryError);
        }
      }),
    );
  } catch (error) {
    for (const c of calls) c.reject(error);
  }
}
