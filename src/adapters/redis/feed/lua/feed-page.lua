-- The warm page of a home feed in one round trip (RedisFeedPageCache). Reads the owner's
-- timeline as pageScript does (meta present, epoch current, count matching the sorted
-- set), then each celebrity timeline its meta names, merges them newest first (score,
-- then member: members start with the post id), keeps the first `count` distinct posts,
-- and reads their bodies, counters, authors and the viewer's likes. When the owner's feed
-- is not cached (or stale), takes its lease as leaseScript does and returns the epoch it
-- was taken under (false when another reader holds it); returns false as soon as another
-- timeline cannot answer for the page (missing, stale, or cached range too short while
-- older entries exist), before reading any item.
--
-- Celebrity and item keys are derived from what the script reads, so they are built here
-- with the client's key prefix (ARGV[1]) instead of being declared in KEYS: fine on one
-- Redis server (and its replicas), not on Redis Cluster, where a script's keys must share
-- a slot.
--
-- KEYS: owner zset, owner meta, epoch, viewer likes hash, owner lease
-- ARGV: key prefix, max score|+inf, cursor post id|'', count, ttl s, lease token, lease ms
-- → {'miss', epoch|false} | false
--   | {celebrities merged, {member, score…}, {post json, count…, author json…}, {author id…}, {^floor, liked…}}
local prefix, max, cursor = ARGV[1], ARGV[2], ARGV[3]
local count, ttl = tonumber(ARGV[4]), tonumber(ARGV[5])
local maxNumber = tonumber(max)

-- Flat member, score pairs after the position, at most count of them.
-- nil, true: not cached (or stale); nil: cannot answer for the page.
local function timeline(zset, meta, epoch)
  local m = redis.call('hmget', meta, 'n', 'complete', 'epoch', 'celebs')
  if not m[1] then return nil, true end
  if epoch and m[3] ~= (redis.call('get', epoch) or '0') then return nil, true end
  if tonumber(m[1]) ~= redis.call('zcard', zset) then return nil, true end
  redis.call('expire', zset, ttl)
  redis.call('expire', meta, ttl)
  local out, offset, batch = {}, 0, count + 4
  while true do
    local rows = redis.call('zrange', zset, max, '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, batch, 'WITHSCORES')
    for i = 1, #rows, 2 do
      if #out >= count * 2 then break end
      if cursor == '' or tonumber(rows[i + 1]) ~= maxNumber or string.sub(rows[i], 1, 36) < cursor then
        out[#out + 1] = rows[i]
        out[#out + 1] = rows[i + 1]
      end
    end
    if #out >= count * 2 or #rows < batch * 2 then break end
    offset = offset + batch
  end
  if #out < count * 2 and m[2] ~= '1' then return nil end
  return out, m[4]
end

local own, celebs = timeline(KEYS[1], KEYS[2], KEYS[3])
if not own then
  if celebs ~= true then return false end
  if not redis.call('set', KEYS[5], ARGV[6], 'NX', 'PX', ARGV[7]) then return { 'miss', false } end
  return { 'miss', redis.call('get', KEYS[3]) or '0' }
end
local page, merged = own, 0
if celebs and celebs ~= '' then
  local lists = { own }
  for author in string.gmatch(celebs, '[^,]+') do
    local entries = timeline(prefix .. 'feed:c:' .. author, prefix .. 'feed:cm:' .. author, nil)
    if not entries then return false end
    lists[#lists + 1] = entries
    merged = merged + 1
  end
  -- k-way merge of lists already newest first (score, then member: it starts with the post
  -- id), each post once; a comparator sort costs far more in Redis' Lua.
  page = {}
  local at, heads, seen = {}, {}, {}
  for j = 1, #lists do
    at[j] = 1
    heads[j] = lists[j][2] and tonumber(lists[j][2])
  end
  while #page < count * 2 do
    local best
    for j = 1, #lists do
      local s = heads[j]
      if s and (not best or s > heads[best] or (s == heads[best] and lists[j][at[j]] > lists[best][at[best]])) then
        best = j
      end
    end
    if not best then break end
    local list, i = lists[best], at[best]
    local post = string.sub(list[i], 1, 36)
    if not seen[post] then
      seen[post] = true
      page[#page + 1] = list[i]
      page[#page + 1] = list[i + 1]
    end
    at[best] = i + 2
    heads[best] = list[i + 3] and tonumber(list[i + 3])
  end
end

local n = #page / 2
if n == 0 then return { merged, {}, {}, {}, {} } end
local itemKeys, likeFields, authorIds, authorKeys, authorSeen = {}, { '^floor' }, {}, {}, {}
for i = 1, #page, 2 do
  local post, author = string.sub(page[i], 1, 36), string.sub(page[i], 38)
  itemKeys[#itemKeys + 1] = prefix .. 'feed:p:' .. post
  itemKeys[#itemKeys + 1] = prefix .. 'feed:n:' .. post
  likeFields[#likeFields + 1] = post
  if not authorSeen[author] then
    authorSeen[author] = true
    authorIds[#authorIds + 1] = author
    authorKeys[#authorKeys + 1] = prefix .. 'feed:u:' .. author
  end
end
for i = 1, #authorIds do itemKeys[#itemKeys + 1] = authorKeys[i] end
return {
  merged,
  page,
  redis.call('mget', unpack(itemKeys)),
  authorIds,
  redis.call('hmget', KEYS[4], unpack(likeFields)),
}
