-- KEYS: lease per post · ARGV: token, ttl ms
for i = 1, #KEYS do redis.call('set', KEYS[i], ARGV[1], 'NX', 'PX', ARGV[2]) end
return 1
