-- KEYS: rank, born, meta · ARGV: since ms, max score|+inf, cursor id|'', limit
local meta = redis.call('hmget', KEYS[3], 'n', 'complete')
if not meta[1] or tonumber(meta[1]) ~= redis.call('zcard', KEYS[1]) then return false end
local since = tonumber(ARGV[1])
local old = redis.call('zrangebyscore', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, 500)
if #old > 0 then
  redis.call('zrem', KEYS[1], unpack(old))
  redis.call('zrem', KEYS[2], unpack(old))
  redis.call('hset', KEYS[3], 'n', redis.call('zcard', KEYS[1]))
end
local max, cursor, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local maxNumber = tonumber(max)
local out, offset, batch = {}, 0, limit + 4
while true do
  local rows = redis.call('zrange', KEYS[1], max, '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, batch, 'WITHSCORES')
  for i = 1, #rows, 2 do
    if #out >= limit * 2 then break end
    local m = rows[i]
    local tie = cursor ~= '' and tonumber(rows[i + 1]) == maxNumber and string.sub(m, 1, 36) >= cursor
    if not tie and tonumber(string.sub(m, 75)) >= since then
      out[#out + 1] = m
      out[#out + 1] = rows[i + 1]
    end
  end
  if #out >= limit * 2 or #rows < batch * 2 then break end
  offset = offset + batch
end
return {meta[2], out}
