import { LuaScript } from '../lua-script.ts';

/**
 * Sorted timelines in Redis: a sorted set (score = post time in ms, member =
 * `<post id>:<author id>`, so equal times order by post id as in PostgreSQL) and a meta
 * hash (`n` entries, `complete`, the celebrity `epoch` it was filled under, `celebs`).
 * The meta hash is the "is cached" marker (an empty feed has no sorted set); a count that
 * disagrees with the sorted set (one of the two evicted) reads as a miss.
 */

/** KEYS: zset, meta, epoch · ARGV: max score|+inf, cursor post id|'', limit, ttl s (0 keeps), check epoch 1|0 */
export const pageScript = LuaScript.fromFile(new URL('./lua/page.lua', import.meta.url));

/** KEYS: lease, epoch · ARGV: token, ttl ms → the current epoch, or nil when already leased */
export const leaseScript = LuaScript.fromFile(new URL('./lua/lease.lua', import.meta.url));

/**
 * KEYS: zset, meta, lease, epoch · ARGV: token, ttl s, complete, celebs, epoch, check epoch 1|0,
 * then score, member pairs. Fills only while the lease is still ours (and the epoch unchanged).
 */
export const fillScript = LuaScript.fromFile(new URL('./lua/fill.lua', import.meta.url));

/**
 * KEYS: per timeline zset, meta, lease, generation · ARGV: member, score, cap, then the
 * expected generation per timeline ('*' skips the check). Adds the entry where the
 * timeline is cached; an entry older than an incomplete cached range is left to the read
 * model (adding it would leave a gap). Where nothing is cached, revokes the lease.
 */
export const pushScript = LuaScript.fromFile(new URL('./lua/push.lua', import.meta.url));

/**
 * KEYS: per timeline zset, meta, lease, generation → per timeline its generation where
 * it is cached (meta present), false elsewhere, after revoking the lease there.
 */
export const cachedGenerationsScript = LuaScript.fromFile(
  new URL('./lua/cached-generations.lua', import.meta.url),
);

/** KEYS: per timeline zset, meta, lease, generation · ARGV: generation ttl s */
export const invalidateScript = LuaScript.fromFile(new URL('./lua/invalidate.lua', import.meta.url));
