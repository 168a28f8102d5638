-- KEYS: rank, born, meta, lease · ARGV: member, score|'' (remove), created ms, cap. A post
-- whose new score falls below an incomplete cached range leaves it (the store serves it).
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
