-- Names the counter (and its keys); limiters with one name share counts across routes. */
--   name: string;
--   points: number;
--   durationSeconds: number;
-- }
--
-- /** One request counted against one limit: the limit and whose count it is. */
-- export interface LimitUse {
--   options: LimiterOptions;
--   key: string;
-- }
--
-- /**
-- KEYS: counters, in turn · ARGV: points, duration s per counter. rate-limiter-flexible's
-- own increment (same keys, same expiry) for several counters, stopping after the first
-- one the request exceeds.
local out = {}
for i = 1, #KEYS do
  local points, duration = tonumber(ARGV[2 * i - 1]), ARGV[2 * i]
  redis.call('set', KEYS[i], 0, 'EX', duration, 'NX')
  local consumed = redis.call('incrby', KEYS[i], 1)
  local ttl = redis.call('pttl', KEYS[i])
  if ttl == -1 then
    redis.call('expire', KEYS[i], duration)
    ttl = 1000 * duration
  end
  out[#out + 1] = consumed
  out[#out + 1] = ttl
  if consumed > points then break end
end
return out
