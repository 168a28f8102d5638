-- Sorted timelines in Redis: a sorted set (score = post time in ms, member =
-- `<post id>:<author id>`, so equal times order by post id as in PostgreSQL) and a meta
-- hash (`n` entries, `complete`, the celebrity `epoch` it was filled under, `celebs`).
-- The meta hash is the "is cached" marker (an empty feed has no sorted set); a count that
-- disagrees with the sorted set (one of the two evicted) reads as a miss.
-- /
--
-- /** KEYS: zset, meta, epoch · ARGV: max score|+inf, cursor post id|'', limit, ttl s (0 keeps), check epoch 1|0
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
