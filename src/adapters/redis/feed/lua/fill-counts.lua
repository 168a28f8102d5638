-- KEYS: count, lease per post · ARGV: token, ttl s, then one count per post
for i = 1, #KEYS, 2 do
  if redis.call('get', KEYS[i + 1]) == ARGV[1] then
    redis.call('set', KEYS[i], ARGV[2 + (i + 1) / 2], 'EX', ARGV[2])
    redis.call('del', KEYS[i + 1])
  end
end
return 1
