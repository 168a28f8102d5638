-- KEYS: per timeline zset, meta, lease, generation → per timeline its generation where
-- it is cached (meta present), false elsewhere, after revoking the lease there.
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
