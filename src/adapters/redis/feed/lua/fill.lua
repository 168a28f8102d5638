-- KEYS: zset, meta, lease, epoch · ARGV: token, ttl s, complete, celebs, epoch, check epoch 1|0,
-- then score, member pairs. Fills only while the lease is still ours (and the epoch unchanged).
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
