import { LuaScript } from '../lua-script.ts';

/**
 * The warm page of a home feed in one round trip (RedisFeedPageCache). Reads the owner's
 * timeline as pageScript does (meta present, epoch current, count matching the sorted
 * set), then each celebrity timeline its meta names, merges them newest first (score,
 * then member: members start with the post id), keeps the first `count` distinct posts,
 * and reads their bodies, counters, authors and the viewer's likes. When the owner's feed
 * is not cached (or stale), takes its lease as leaseScript does and returns the epoch it
 * was taken under (false when another reader holds it); returns false as soon as another
 * timeline cannot answer for the page (missing, stale, or cached range too short while
 * older entries exist), before reading any item.
 *
 * Celebrity and item keys are derived from what the script reads, so they are built here
 * with the client's key prefix (ARGV[1]) instead of being declared in KEYS: fine on one
 * Redis server (and its replicas), not on Redis Cluster, where a script's keys must share
 * a slot.
 *
 * KEYS: owner zset, owner meta, epoch, viewer likes hash, owner lease
 * ARGV: key prefix, max score|+inf, cursor post id|'', count, ttl s, lease token, lease ms
 * → {'miss', epoch|false} | false
 *   | {celebrities merged, {member, score…}, {post json, count…, author json…}, {author id…}, {^floor, liked…}}
 */
export const feedPageScript = LuaScript.fromFile(new URL('./lua/feed-page.lua', import.meta.url));
