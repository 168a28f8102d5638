-- KEYS: rank, born, meta, lease · ARGV: token, complete, then score, member, created ms triples
if redis.call('get', KEYS[4]) ~= ARGV[1] then return 0 end
redis.call('del', KEYS[4], KEYS[1], KEYS[2], KEYS[3])
for i = 3, #ARGV, 3 do
  redis.call('zadd', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('zadd', KEYS[2], ARGV[i + 2], ARGV[i + 1])
end
redis.call('hset', KEYS[3], 'n', redis.call('zcard', KEYS[1]), 'complete', ARGV[2])
return 1
