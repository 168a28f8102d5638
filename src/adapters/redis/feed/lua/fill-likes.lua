-- KEYS: likes hash, lease · ARGV: token, ttl s, floor, then the liked post ids
if redis.call('get', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('del', KEYS[2], KEYS[1])
redis.call('hset', KEYS[1], '^floor', ARGV[3])
for i = 4, #ARGV, 500 do
  local args = {}
  for j = i, math.min(i + 499, #ARGV) do
    args[#args + 1] = ARGV[j]
    args[#args + 1] = '1'
  end
  redis.call('hset', KEYS[1], unpack(args))
end
redis.call('expire', KEYS[1], ARGV[2])
return 1
