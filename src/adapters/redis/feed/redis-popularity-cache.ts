import { randomUUID } from 'node:crypto';
import type { CachedRanking, PopularityCache } from '#application/feed/popularity-cache.ts';
import type { PopularityStanding } from '#application/feed/popularity-store.ts';
import type { PopularPosition, PopularPost } from '#domain/feed/popularity.ts';
import type { Redis } from '../redis-client.ts';
import { LuaScript } from '../lua-script.ts';

const KEYS = ['feed:pop:rank', 'feed:pop:born', 'feed:pop:meta', 'feed:pop:lease'];

/** KEYS: rank, born, meta · ARGV: since ms, max score|+inf, cursor id|'', limit */
const top = new LuaScript(`
local meta = redis.call('hmget', KEYS[3], 'n', 'complete')
if not meta[1] or tonumber(meta[1]) ~= redis.call('zcard', KEYS[1]) then return false end
local since = tonumber(ARGV[1])
local old = redis.call('zrangebyscore', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, 500)
if #old > 0 then
  redis.call('zrem', KEYS[1], unpack(old))
  redis.call('zrem', KEYS[2], unpack(old))
  redis.call('hset', KEYS[3], 'n', redis.call('zcard', KEYS[1]))
end
local max, cursor, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local maxNumber = tonumber(max)
local out, offset, batch = {}, 0, limit + 4
while true do
  local rows = redis.call('zrange', KEYS[1], max, '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, batch, 'WITHSCORES')
  for i = 1, #rows, 2 do
    if #out >= limit * 2 then break end
    local m = rows[i]
    local tie = cursor ~= '' and tonumber(rows[i + 1]) == maxNumber and string.sub(m, 1, 36) >= cursor
    if not tie and tonumber(string.sub(m, 75)) >= since then
      out[#out + 1] = m
      out[#out + 1] = rows[i + 1]
    end
  end
  if #out >= limit * 2 or #rows < batch * 2 then break end
  offset = offset + batch
end
return {meta[2], out}
`);

/** KEYS: rank, born, meta, lease · ARGV: token, complete, then score, member, created ms triples */
const fill = new LuaScript(`
if redis.call('get', KEYS[4]) ~= ARGV[1] then return 0 end
redis.call('del', KEYS[4], KEYS[1], KEYS[2], KEYS[3])
for i = 3, #ARGV, 3 do
  redis.call('zadd', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('zadd', KEYS[2], ARGV[i + 2], ARGV[i + 1])
end
redis.call('hset', KEYS[3], 'n', redis.call('zcard', KEYS[1]), 'complete', ARGV[2])
return 1
`);

/**
 * KEYS: rank, born, meta, lease · ARGV: member, score|'' (remove), created ms, cap. A post
 * whose new score falls below an incomplete cached range leaves it (the store serves it).
 */
const record = new LuaScript(`
local meta = redis.call('hmget', KEYS[3], 'n', 'complete')
if not meta[1] then
  redis.call('del', KEYS[4])
  return 0
end
local member = ARGV[1]
local below = ARGV[2] == ''
if not below and meta[2] ~= '1' then
  local score = tonumber(ARGV[2])
  local low = redis.call('zrange', KEYS[1], 0, 1, 'WITHSCORES')
  for i = 1, #low, 2 do
    if low[i] ~= member then
      local s = tonumber(low[i + 1])
      below = score < s or (score == s and member < low[i])
      break
    end
  end
end
if below then
  redis.call('zrem', KEYS[1], member)
  redis.call('zrem', KEYS[2], member)
else
  redis.call('zadd', KEYS[1], ARGV[2], member)
  redis.call('zadd', KEYS[2], ARGV[3], member)
  local n, cap = redis.call('zcard', KEYS[1]), tonumber(ARGV[4])
  if n > cap then
    local gone = redis.call('zrange', KEYS[1], 0, n - cap - 1)
    redis.call('zrem', KEYS[1], unpack(gone))
    redis.call('zrem', KEYS[2], unpack(gone))
    redis.call('hset', KEYS[3], 'complete', '0')
  end
end
redis.call('hset', KEYS[3], 'n', redis.call('zcard', KEYS[1]))
return 1
`);

/**
 * The trending ranking: `feed:pop:rank` (score = popularity), `feed:pop:born` (score =
 * post time, to drop posts leaving the window), `feed:pop:meta`, `feed:pop:lease`.
 * Members are `<post id>:<author id>:<created ms>`, stable per post.
 */
export class RedisPopularityCache implements PopularityCache {
  private readonly redis: Redis;
  private readonly size: number;

  constructor(redis: Redis, size: number) {
    this.redis = redis;
    this.size = size;
  }

  async top(since: Date, after: PopularPosition | null, limit: number): Promise<CachedRanking | null> {
    const result = (await top.run(this.redis, KEYS.slice(0, 3), [
      since.getTime(),
      after ? String(after.score) : '+inf',
      after?.id ?? '',
      limit,
    ])) as [string, string[]] | null;
    if (!result) return null;
    const [complete, pairs] = result;
    const posts: PopularPost[] = [];
    for (let i = 0; i < pairs.length; i += 2)
      posts.push({ ...postOf(pairs[i]!), score: Number(pairs[i + 1]) });
    return { posts, complete: complete === '1' };
  }

  async lease(): Promise<string | null> {
    const token = randomUUID();
    const set = await this.redis.set(KEYS[3]!, token, 'PX', 10_000, 'NX');
    return set === 'OK' ? token : null;
  }

  async fill(lease: string, snapshot: CachedRanking): Promise<boolean> {
    const posts = snapshot.posts.slice(0, this.size);
    const complete = snapshot.complete && posts.length === snapshot.posts.length;
    const args = posts.flatMap((p) => [String(p.score), memberOf(p), String(p.createdAt.getTime())]);
    return (await fill.run(this.redis, KEYS, [lease, complete ? '1' : '0', ...args])) === 1;
  }

  async record(standing: PopularityStanding): Promise<void> {
    await record.run(this.redis, KEYS, [
      memberOf(standing),
      standing.score === null ? '' : String(standing.score),
      String(standing.createdAt.getTime()),
      this.size,
    ]);
  }
}

function memberOf(post: { postId: string; authorId: string; createdAt: Date }): string {
  return `${post.postId}:${post.authorId}:${post.createdAt.getTime()}`;
}

function postOf(member: string): Omit<PopularPost, 'score'> {
  return {
    postId: member.slice(0, 36),
    authorId: member.slice(37, 73),
    createdAt: new Date(Number(member.slice(74))),
  };
}
