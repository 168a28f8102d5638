-- KEYS: lease, epoch · ARGV: token, ttl ms → the current epoch, or nil when already leased
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('get', KEYS[2]) or '0'
end
return false
