import { LuaScript } from '../lua-script.ts';

/**
 * Sorted timelines in Redis: a sorted set (score = post time in ms, member =
 * `<post id>:<author id>`, so equal times order by post id as in PostgreSQL) and a meta
 * hash (`n` entries, `complete`, the celebrity `epoch` it was filled under, `celebs`).
 * The meta hash is the "is cached" marker (an empty feed has no sorted set); a count that
 * disagrees with the sorted set (one of the two evicted) reads as a miss.
 */

/** KEYS: zset, meta, epoch · ARGV: max score|+inf, cursor post id|'', limit, ttl s (0 keeps), check epoch 1|0 */
export const pageScript = new LuaScript(`
local meta = redis.call('hmget', KEYS[2], 'n', 'complete', 'epoch', 'celebs')
if not meta[1] then return false end
if ARGV[5] == '1' and meta[3] ~= (redis.call('get', KEYS[3]) or '0') then return false end
if tonumber(meta[1]) ~= redis.call('zcard', KEYS[1]) then return false end
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('expire', KEYS[1], ttl)
  redis.call('expire', KEYS[2], ttl)
end
local limit = tonumber(ARGV[3])
local cursor = ARGV[2]
local max = ARGV[1]
local maxNumber = tonumber(max)
local out = {}
local offset = 0
local batch = limit + 4
while true do
  local rows = redis.call('zrange', KEYS[1], max, '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, batch, 'WITHSCORES')
  for i = 1, #rows, 2 do
    if #out >= limit * 2 then break end
    if cursor == '' or tonumber(rows[i + 1]) ~= maxNumber or string.sub(rows[i], 1, 36) < cursor then
      out[#out + 1] = rows[i]
      out[#out + 1] = rows[i + 1]
    end
  end
  if #out >= limit * 2 or #rows < batch * 2 then break end
  offset = offset + batch
end
return {meta[2] or '0', meta[4] or '', out}
`);

/** KEYS: lease, epoch · ARGV: token, ttl ms → the current epoch, or nil when already leased */
export const leaseScript = new LuaScript(`
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('get', KEYS[2]) or '0'
end
return false
`);

/**
 * KEYS: zset, meta, lease, epoch · ARGV: token, ttl s, complete, celebs, epoch, check epoch 1|0,
 * then score, member pairs. Fills only while the lease is still ours (and the epoch unchanged).
 */
export const fillScript = new LuaScript(`
if redis.call('get', KEYS[3]) ~= ARGV[1] then return 0 end
redis.call('del', KEYS[3], KEYS[1], KEYS[2])
if ARGV[6] == '1' and (redis.call('get', KEYS[4]) or '0') ~= ARGV[5] then return 0 end
for i = 7, #ARGV, 1000 do
  local args = {}
  for j = i, math.min(i + 999, #ARGV) do args[#args + 1] = ARGV[j] end
  redis.call('zadd', KEYS[1], unpack(args))
end
local n = redis.call('zcard', KEYS[1])
redis.call('hset', KEYS[2], 'n', n, 'complete', ARGV[3], 'epoch', ARGV[5], 'celebs', ARGV[4])
local ttl = tonumber(ARGV[2])
if n > 0 then redis.call('expire', KEYS[1], ttl) end
redis.call('expire', KEYS[2], ttl)
return 1
`);

/**
 * KEYS: per timeline zset, meta, lease, generation · ARGV: member, score, cap, then the
 * expected generation per timeline ('*' skips the check). Adds the entry where the
 * timeline is cached; an entry older than an incomplete cached range is left to the read
 * model (adding it would leave a gap). Where nothing is cached, revokes the lease.
 */
export const pushScript = new LuaScript(`
local member, score, cap = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 1, #KEYS, 4 do
  local expected = ARGV[3 + (i + 3) / 4]
  if expected == '*' or (redis.call('get', KEYS[i + 3]) or '0') == expected then
    local meta = redis.call('hmget', KEYS[i + 1], 'n', 'complete')
    if meta[1] then
      local low = redis.call('zrange', KEYS[i], 0, 0, 'WITHSCORES')
      local older = low[1] and (score < tonumber(low[2]) or (score == tonumber(low[2]) and member < low[1]))
      if meta[2] == '1' or not older then
        redis.call('zadd', KEYS[i], score, member)
        local ttl = redis.call('pttl', KEYS[i + 1])
        if ttl > 0 then redis.call('pexpire', KEYS[i], ttl) end
        local n = redis.call('zcard', KEYS[i])
        if n > cap then
          redis.call('zremrangebyrank', KEYS[i], 0, n - cap - 1)
          n = cap
          redis.call('hset', KEYS[i + 1], 'complete', '0')
        end
        redis.call('hset', KEYS[i + 1], 'n', n)
      end
    else
      redis.call('del', KEYS[i + 2])
    end
  end
end
return 1
`);

/**
 * KEYS: per timeline zset, meta, lease, generation → per timeline its generation where
 * it is cached (meta present), false elsewhere, after revoking the lease there.
 */
export const cachedGenerationsScript = new LuaScript(`
local out = {}
for i = 1, #KEYS, 4 do
  if redis.call('exists', KEYS[i + 1]) == 1 then
    out[#out + 1] = redis.call('get', KEYS[i + 3]) or '0'
  else
    redis.call('del', KEYS[i + 2])
    out[#out + 1] = false
  end
end
return out
`);

/** KEYS: per timeline zset, meta, lease, generation · ARGV: generation ttl s */
export const invalidateScript = new LuaScript(`
for i = 1, #KEYS, 4 do
  redis.call('del', KEYS[i], KEYS[i + 1], KEYS[i + 2])
  redis.call('incr', KEYS[i + 3])
  redis.call('expire', KEYS[i + 3], ARGV[1])
end
return 1
`);
