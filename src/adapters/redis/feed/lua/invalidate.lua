-- KEYS: per timeline zset, meta, lease, generation · ARGV: generation ttl s
for i = 1, #KEYS, 4 do
  redis.call('del', KEYS[i], KEYS[i + 1], KEYS[i + 2])
  redis.call('incr', KEYS[i + 3])
  redis.call('expire', KEYS[i + 3], ARGV[1])
end
return 1
