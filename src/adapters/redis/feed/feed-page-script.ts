import { LuaScript } from '../lua-script.ts';

/**
 * The warm page of a home feed in one round trip (RedisFeedPageCache). Reads the owner's
 * timeline as pageScript does (meta present, epoch current, count matching the sorted
 * set), then each celebrity timeline its meta names, merges them newest first (score,
 * then member: members start with the post id), keeps the first `count` distinct posts,
 * and reads their bodies, counters, authors and the viewer's likes. When the owner's feed
 * is not cached (or stale), takes its lease as leaseScript does and returns the epoch it
 * was taken under (false when another reader holds it); returns false as soon as another
 * timeline cannot answer for the page (missing, stale, or cached range too short while
 * older entries exist), before reading any item.
 *
 * Celebrity and item keys are derived from what the script reads, so they are built here
 * with the client's key prefix (ARGV[1]) instead of being declared in KEYS: fine on one
 * Redis server (and its replicas), not on Redis Cluster, where a script's keys must share
 * a slot.
 *
 * KEYS: owner zset, owner meta, epoch, viewer likes hash, owner lease
 * ARGV: key prefix, max score|+inf, cursor post id|'', count, ttl s, lease token, lease ms
 * → {'miss', epoch|false} | false
 *   | {celebrities merged, {member, score…}, {post json…}, {count…}, {author id…}, {author json…}, {^floor, liked…}}
 */
export const feedPageScript = new LuaScript(`
local prefix, max, cursor = ARGV[1], ARGV[2], ARGV[3]
local count, ttl = tonumber(ARGV[4]), tonumber(ARGV[5])
local maxNumber = tonumber(max)

-- nil, true: not cached (or stale); nil: cannot answer for the page
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
      if #out >= count then break end
      if cursor == '' or tonumber(rows[i + 1]) ~= maxNumber or string.sub(rows[i], 1, 36) < cursor then
        out[#out + 1] = { rows[i], tonumber(rows[i + 1]), rows[i + 1] }
      end
    end
    if #out >= count or #rows < batch * 2 then break end
    offset = offset + batch
  end
  if #out < count and m[2] ~= '1' then return nil end
  return out, m[4]
end

local own, celebs = timeline(KEYS[1], KEYS[2], KEYS[3])
if not own then
  if celebs ~= true then return false end
  if not redis.call('set', KEYS[5], ARGV[6], 'NX', 'PX', ARGV[7]) then return { 'miss', false } end
  return { 'miss', redis.call('get', KEYS[3]) or '0' }
end
local all, merged = own, 0
if celebs and celebs ~= '' then
  for author in string.gmatch(celebs, '[^,]+') do
    local entries = timeline(prefix .. 'feed:c:' .. author, prefix .. 'feed:cm:' .. author, nil)
    if not entries then return false end
    for _, e in ipairs(entries) do all[#all + 1] = e end
    merged = merged + 1
  end
  table.sort(all, function(a, b)
    if a[2] ~= b[2] then return a[2] > b[2] end
    return a[1] > b[1]
  end)
end

local page, seen, postKeys, countKeys, likeFields = {}, {}, {}, {}, { '^floor' }
local authorIds, authorKeys, authorSeen = {}, {}, {}
for _, e in ipairs(all) do
  local post = string.sub(e[1], 1, 36)
  if not seen[post] then
    seen[post] = true
    page[#page + 1] = e[1]
    page[#page + 1] = e[3]
    postKeys[#postKeys + 1] = prefix .. 'feed:p:' .. post
    countKeys[#countKeys + 1] = prefix .. 'feed:n:' .. post
    likeFields[#likeFields + 1] = post
    local author = string.sub(e[1], 38)
    if not authorSeen[author] then
      authorSeen[author] = true
      authorIds[#authorIds + 1] = author
      authorKeys[#authorKeys + 1] = prefix .. 'feed:u:' .. author
    end
    if #postKeys == count then break end
  end
end
if #postKeys == 0 then return { merged, {}, {}, {}, {}, {}, {} } end
return {
  merged,
  page,
  redis.call('mget', unpack(postKeys)),
  redis.call('mget', unpack(countKeys)),
  authorIds,
  redis.call('mget', unpack(authorKeys)),
  redis.call('hmget', KEYS[4], unpack(likeFields)),
}
`);
