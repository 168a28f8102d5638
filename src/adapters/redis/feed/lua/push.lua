-- KEYS: per timeline zset, meta, lease, generation · ARGV: member, score, cap, then the
-- expected generation per timeline ('*' skips the check). Adds the entry where the
-- timeline is cached; an entry older than an incomplete cached range is left to the read
-- model (adding it would leave a gap). Where nothing is cached, revokes the lease.
local member, score, cap = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 1, #KEYS, 4 do
  local expected = ARGV[3 + (i + 3) / 4]
  if expected == '*' or (redis.call('get', KEYS[i + 3]) or '0') == expected then
    local meta = redis.call('hmget', KEYS[i + 1], 'n', 'complete')
    if meta[1] then
      local low = redis.call('zrange', KEYS[i], 0, 0, 'WITHSCORES')
      local older = low[1] and (score < tonumber(low[2]) or (score == tonumber(low[2]) and member < low[1]))
      if meta[2] == '1' or not older then
        redis.call('zadd', KEYS[i], score, member)
        local ttl = redis.call('pttl', KEYS[i + 1])
        if ttl > 0 then redis.call('pexpire', KEYS[i], ttl) end
        local n = redis.call('zcard', KEYS[i])
        if n > cap then
          redis.call('zremrangebyrank', KEYS[i], 0, n - cap - 1)
          n = cap
          redis.call('hset', KEYS[i + 1], 'complete', '0')
        end
        redis.call('hset', KEYS[i + 1], 'n', n)
      end
    else
      redis.call('del', KEYS[i + 2])
    end
  end
end
return 1
