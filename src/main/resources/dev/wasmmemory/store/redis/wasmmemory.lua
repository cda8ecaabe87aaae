#!lua name=wasmmemory_v4
--[[
The Redis side of the redis store: one function per operation of a WebAssembly linear memory.

Loaded with FUNCTION LOAD REPLACE on every primary when a store starts (FunctionLibrary.java). The
library name carries a version and every function name the same prefix (wm4_), so service builds with
different scripts can share a cluster during a rolling deploy: each calls its own functions.

Key layout. Every key of memory <id> carries the hash tag {<id>}, so one primary holds them all and
runs the memory's functions one at a time: each operation is linearizable by construction, and the
version in the meta hash is exact. KEYS[1] is always the meta key "mem:{<id>}:m"; the others are
derived from its prefix P = "mem:{<id>}:" (same slot, so a cluster node accepts them):
  P.."m"                   meta hash: init, max, hasmax, pages, ver, mat, created, used, owner
  P.."p"..i                page i: a 64 KiB string, created full size; absent = 64 KiB of zeros
  P.."bits"                bitmap of the pages that exist (SETBIT order), kept with the pages
  P.."lock"                a lease (token, with a TTL): writers other than its holder wait
  P.."fence"               set by a lease holder committing several memories (token, with a TTL):
                           reads wait until its commit here ends it (see "Leases")
  P.."pins"                open views: zset of "token:first:last:death" scored by its deadline
  P.."c:"..token..":"..i   page i as it was when view <token> opened (copied aside by a writer)
  P.."cs:"..token          the page indices copied aside for view <token>
  P.."s:"..token..":"..i   staged bytes for page i of a streamed write <token> (with a TTL)
  P.."ev"                  live changes: a stream of one entry per mutation, id "<version>-0"
  P.."evw"                 the history length the stream keeps, while subscribers watch (a TTL)
  P.."snaps"               snapshots: zset of snapshot ids scored by their sequence number (see
                           "Snapshots"); meta "snap" names the newest, "sseq" counts them
  P.."snap:"..sid          snapshot sid's record: hash ver, pages, created, seq (and temp: expiry)
  P.."snap:"..sid..":s"    the page indices saved for sid
  P.."snap:"..sid..":"..i  page i as it was before its first change after sid ('' for zeros)
Meta "mat" counts the memory's pages that exist, "smat" the saved pages of its snapshots that hold
bytes; the budget counts both. Owners: meta "owner", written at creation.

Replies are arrays whose first element is a status: 0 ok, then
  1 CLOSED (no such memory)           2 VERSION {2, actual}         3 BOUNDS {3, field, sizeBytes}
  4 NEED {4, pages} (more budget)     5 LOCKED {5, pttl}            6 GROW {6, current, maximum}
  7 OVERLAP                           8 STAGING (staged pages gone) 9 VIEW (view expired)
  10 EXISTS (id taken)                11 LEASE_LOST (the caller's lease expired)
  12 QUOTA (the owner holds as many memories as its quota allows)
  13 RATE {13, ms} (a rate limit refuses: try again in ms)
  14 NO_SNAPSHOT (the memory has no snapshot of that id)
Scripts do not roll back: every function validates everything (existence, lease, version, bounds,
limits, budget) before its first write, so a refused operation changes nothing.

Budget. A function that may materialise pages takes "granted": pages the caller has acquired from its
budget. It counts the pages it would materialise (exactly, or the engine's upper bound for copies)
and answers NEED when that is more than granted; the caller acquires more and calls again. On success
it answers {0, version, added, freed}: added <= granted pages materialised, freed pages dropped, so
the caller's budget settles exactly (ClusterBudget.java has the protocol across replicas).
]]

local PAGE = 65536

local function register(name, callback, flags)
  redis.register_function{function_name = name, callback = callback, flags = flags or {}}
end
local ZERO
local function zeros(n)
  if not ZERO then ZERO = string.rep('\0', PAGE) end
  if n == PAGE then return ZERO end
  return string.sub(ZERO, 1, n)
end

local function is_zero(s)
  return not string.find(s, '[^%z]')
end

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function in_bounds(offset, length, size)
  return offset >= 0 and length >= 0 and offset <= size and size - offset >= length
end

-- Calls fn(index, offsetInPage, n, position) for each page-sized chunk of [offset, offset+length).
local function chunks(offset, length, fn)
  local pos = 0
  while pos < length do
    local addr = offset + pos
    local idx = math.floor(addr / PAGE)
    local off = addr - idx * PAGE
    local n = math.min(PAGE - off, length - pos)
    fn(idx, off, n, pos)
    pos = pos + n
  end
end

---------------------------------------------------------------------------------------------------
-- The context of one operation: the memory's key prefix, its meta, the open views, the counts.

local function open(keys)
  local P = string.sub(keys[1], 1, -2)
  local m = redis.call('HMGET', keys[1], 'ver', 'pages', 'mat', 'max')
  if not m[1] then return nil end
  return {P = P, meta = keys[1], ver = tonumber(m[1]), pages = tonumber(m[2]), mat = tonumber(m[3]),
          max = tonumber(m[4]), size = tonumber(m[2]) * PAGE, added = 0, freed = 0, matd = 0,
          smatd = 0}
end

-- Opens the memory for a mutation by the holder of lease `token` ('' for none) at version
-- `expected` (-1 for any). Answers the context, or nil and the refusal.
local function begin(keys, expected, token)
  local c = open(keys)
  if not c then return nil, {1} end
  local lock = redis.call('GET', c.P .. 'lock')
  if token ~= '' and lock ~= token then return nil, {11} end
  if lock and lock ~= token then return nil, {5, redis.call('PTTL', c.P .. 'lock')} end
  if expected >= 0 and expected ~= c.ver then return nil, {2, c.ver} end
  return c
end

--[[
Live changes (RedisChangeLog.java). While a replica has subscribers to a memory, it keeps P.."evw"
alive (wm4_events: value the history length, TTL the retention); while it exists every commit appends
its change to the stream P.."ev" with the id "<version>-0", in the same call as the change, so the
stream holds the changes in version order whichever replica made them. Fields: k kind (write, grow,
erase, delete), o offset, l length, p previous pages, n current pages (-1 where they do not apply).
A dropped memory's stream gets "delete" under "<version>-1" and expires with the retention. Recording
uses pcall: a change is never refused for its event.
]]
local function record(c, kind, o, l, p, n, seq)
  local keep = redis.call('GET', c.P .. 'evw')
  if not keep then return end
  local ttl = redis.call('PTTL', c.P .. 'evw')
  redis.pcall('XADD', c.P .. 'ev', 'MAXLEN', '~', keep, string.format('%d-%d', c.ver, seq or 0),
    'k', kind, 'o', o, 'l', l, 'p', p, 'n', n)
  if ttl > 0 then redis.call('PEXPIRE', c.P .. 'ev', ttl) end
end

-- Keeps the meta's counts exact: matd pages more of the memory's, smatd more of its snapshots'.
local function count_pages(c)
  if c.matd ~= 0 then redis.call('HINCRBY', c.meta, 'mat', c.matd) end
  if c.smatd ~= 0 then redis.call('HINCRBY', c.meta, 'smat', c.smatd) end
  c.matd, c.smatd = 0, 0
end

-- The version moves once per successful mutation; the meta keeps the materialised count exact.
-- The change is recorded for subscribers: kind, and offset and length or previous and current pages.
local function commit(c, kind, o, l, p, n)
  c.ver = redis.call('HINCRBY', c.meta, 'ver', 1)
  count_pages(c)
  record(c, kind, o or -1, l or -1, p or -1, n or -1)
  return {0, c.ver, c.added, c.freed}
end

-- Reads that take no lease wait while a commit of several memories is under way ({5, pttl}).
local function fenced(c)
  local ttl = redis.call('PTTL', c.P .. 'fence')
  if ttl == -2 then return nil end
  return {5, math.max(ttl, 1)}
end

--[[
Views. A view pins the memory (a member of P.."pins" whose score is its deadline, refreshed by every
read of the view) instead of locking it. Before a writer changes page i it preserves the page for
each live pin whose range covers i and that has no copy of i yet: it copies the page (or records ''
for an absent one) to P.."c:"..token..":"..i. A view reads its copy when there is one, else the live
page, which then cannot have changed since the view opened. So a view shows one instant without
blocking a writer; writers pay one page copy per pinned page they change, once per view. Copies
expire with the view's maximum lifetime; a pin whose client went away expires with its deadline, and
its view then refuses to read rather than show a torn state.
]]
local function page_key(c, idx) return c.P .. 'p' .. idx end

local function load_pins(c)
  if c.pins ~= nil then return c.pins end
  c.pins = false
  local raw = redis.call('ZRANGE', c.P .. 'pins', 0, -1, 'WITHSCORES')
  if #raw == 0 then return false end
  local now = now_ms()
  local live = {}
  for i = 1, #raw, 2 do
    if tonumber(raw[i + 1]) >= now then
      local token, first, last, death = string.match(raw[i], '^([^:]+):(%d+):(%d+):(%d+)$')
      live[#live + 1] = {token = token, first = tonumber(first), last = tonumber(last), death = death}
    end
  end
  redis.call('ZREMRANGEBYSCORE', c.P .. 'pins', '-inf', '(' .. now)
  if #live > 0 then c.pins = live end
  return c.pins
end

local function preserve_for_views(c, idx, pins)
  for _, pin in ipairs(pins) do
    if idx >= pin.first and idx <= pin.last then
      local set = c.P .. 'cs:' .. pin.token
      if redis.call('SADD', set, idx) == 1 then
        local copy = c.P .. 'c:' .. pin.token .. ':' .. idx
        if redis.call('COPY', page_key(c, idx), copy, 'REPLACE') == 0 then
          redis.call('SET', copy, '')
        end
        redis.call('PEXPIREAT', copy, pin.death)
        redis.call('PEXPIREAT', set, pin.death)
      end
    end
  end
end

--[[
Snapshots. A snapshot is a record (its version, size and sequence number) and the pages saved for
it: before the memory changes page i for the first time after its newest snapshot, it saves the
page for that snapshot (P.."snap:"..sid..":"..i, '' for an absent page) and adds i to the snapshot's
set. A change that drops or replaces the whole page moves it there (RENAME: no copy, no new page);
one that writes part of it copies it (COPY), and that copy is a page of the budget (the callers
count it in `need` first, so a refusal changes nothing). Taking a snapshot costs a record, whatever
the memory's size.
Snapshot S shows page i as the first snapshot from S on (in sequence order) that saved i holds it,
or, when none did, as the memory holds it now: no change touched it since S. So:
  a diff of S and T (or of S and now) reads only pages saved by a snapshot in [S, T) (from S on):
    every other page is the same on both sides;
  a restore to S rewrites only pages saved from S on, with S's view of them (saving each first);
  deleting S hands each page it saved to the snapshot before it, unless that one saved its own.
]]
local function snap_key(c, sid) return c.P .. 'snap:' .. sid end

local function newest(c)
  if c.snap == nil then c.snap = redis.call('HGET', c.meta, 'snap') or false end
  return c.snap
end

-- Whether a change to page idx must first save it for the newest snapshot.
local function unsaved(c, idx)
  local s = newest(c)
  return s and redis.call('SISMEMBER', snap_key(c, s) .. ':s', idx) == 0
end

local function present(c, idx) return redis.call('EXISTS', page_key(c, idx)) == 1 end

-- Pages a change to page idx that keeps it adds for the snapshots: 1 when it must copy it.
local function cow_cost(c, idx)
  if present(c, idx) and unsaved(c, idx) then return 1 end
  return 0
end

local function save_for_snapshot(c, idx, moving)
  if not unsaved(c, idx) then return end
  local s = newest(c)
  redis.call('SADD', snap_key(c, s) .. ':s', idx)
  local saved = snap_key(c, s) .. ':' .. idx
  if not present(c, idx) then
    redis.call('SET', saved, '')
  elseif moving then
    redis.call('RENAME', page_key(c, idx), saved)
    redis.call('SETBIT', c.P .. 'bits', idx, 0)
    c.matd, c.smatd = c.matd - 1, c.smatd + 1
  else
    redis.call('COPY', page_key(c, idx), saved)
    c.added, c.smatd = c.added + 1, c.smatd + 1
  end
end

-- Before page idx changes: copies it aside for open views and saves it for the newest snapshot.
-- `moving`: the caller drops or replaces the whole page, so the snapshot may take it as it is.
local function preserve(c, idx, moving)
  local pins = load_pins(c)
  if pins then preserve_for_views(c, idx, pins) end
  save_for_snapshot(c, idx, moving)
end

---------------------------------------------------------------------------------------------------
-- Page writes. Each keeps `added`/`freed` exact and preserves the page (views, snapshots) first.

-- Writes `data` at `off` of page idx. An absent page is created full size, and only when the data
-- is not all zeros (or `always` is set: direct access materialises every page it hands out).
local function write_chunk(c, idx, off, data, always)
  local key = page_key(c, idx)
  local here = redis.call('EXISTS', key) == 1
  if not here and not always and is_zero(data) then return end
  preserve(c, idx, #data == PAGE)
  if here and present(c, idx) then
    if #data == PAGE then redis.call('SET', key, data) else redis.call('SETRANGE', key, off, data) end
  else
    redis.call('SET', key, zeros(off) .. data .. zeros(PAGE - off - #data))
    redis.call('SETBIT', c.P .. 'bits', idx, 1)
    c.added, c.matd = c.added + 1, c.matd + 1
  end
end

-- Installs `key` (a staged whole page) as page idx.
local function install_page(c, idx, key)
  preserve(c, idx, true)
  if not present(c, idx) then
    c.added, c.matd = c.added + 1, c.matd + 1
    redis.call('SETBIT', c.P .. 'bits', idx, 1)
  end
  redis.call('RENAME', key, page_key(c, idx))
  redis.call('PERSIST', page_key(c, idx))
end

local function drop_page(c, idx)
  if present(c, idx) then
    preserve(c, idx, true)
    if present(c, idx) then
      redis.call('DEL', page_key(c, idx))
      redis.call('SETBIT', c.P .. 'bits', idx, 0)
      c.freed, c.matd = c.freed + 1, c.matd - 1
    end
  end
end

-- The indices of the pages that exist, ascending, from the bitmap.
local function present_pages(c)
  local bits = redis.call('GET', c.P .. 'bits')
  local found = {}
  if not bits then return found end
  for i = 1, #bits do
    local b = string.byte(bits, i)
    if b ~= 0 then
      for k = 0, 7 do
        if bit.band(b, bit.rshift(128, k)) ~= 0 then found[#found + 1] = (i - 1) * 8 + k end
      end
    end
  end
  return found
end

--[[
Write modes, the engine's rules for which pages hold storage afterwards:
  0 set:     a chunk is written where the page exists or the bytes are not all zero
  1 staged:  the same, but a whole page of zeros drops the page (streamed writes, transfers)
  2 direct:  every page touched is materialised (mutable direct access hands out real pages)
]]
-- The pages a chunk's write adds: a new page, or a copy saved for a snapshot (see above).
local function page_cost(c, idx, n, data_is_zero, mode)
  if present(c, idx) then
    if mode == 1 and n == PAGE and data_is_zero then return 0 end
    return cow_cost(c, idx)
  end
  if mode == 2 or not data_is_zero then return 1 end
  return 0
end

local function apply_chunk(c, idx, off, data, mode)
  if mode == 1 and #data == PAGE and is_zero(data) then
    drop_page(c, idx)
  else
    write_chunk(c, idx, off, data, mode == 2)
  end
end

---------------------------------------------------------------------------------------------------
-- Snapshots (see "Snapshots" above). Temporary ones (ids starting with '~': the "now" of a diff or
-- a clone) are not listed and expire: a take or a delete of a snapshot of the memory deletes those
-- past their expiry (until then one left by a replica that died keeps the pages it saved).

-- Deletes snapshot sid's keys; answers how many saved pages held bytes.
local function drop_snapshot_keys(c, sid)
  local key = snap_key(c, sid)
  local freed = 0
  for _, idx in ipairs(redis.call('SMEMBERS', key .. ':s')) do
    if redis.call('STRLEN', key .. ':' .. idx) > 0 then freed = freed + 1 end
    redis.call('DEL', key .. ':' .. idx)
  end
  redis.call('DEL', key, key .. ':s')
  return freed
end

local function snapshot(c, sid)
  local r = redis.call('HMGET', snap_key(c, sid), 'ver', 'pages', 'created', 'seq')
  if not r[1] then return nil end
  return {id = sid, ver = tonumber(r[1]), pages = tonumber(r[2]), created = r[3], seq = tonumber(r[4])}
end

-- The snapshots from s on, in sequence order: where s's view of a page is looked up.
local function chain(c, s) return redis.call('ZRANGEBYSCORE', c.P .. 'snaps', s.seq, '+inf') end

-- For each page saved from s on, the snapshot that holds s's view of it: {index -> sid}.
local function owners(c, s)
  local found, order = {}, {}
  for _, t in ipairs(chain(c, s)) do
    for _, idx in ipairs(redis.call('SMEMBERS', snap_key(c, t) .. ':s')) do
      local i = tonumber(idx)
      if not found[i] then found[i], order[#order + 1] = t, i end
    end
  end
  table.sort(order)
  return found, order
end

-- Deletes snapshot s: each page it saved goes to the snapshot before it, unless that one saved
-- its own (then the page is freed). Counts `freed` and the snapshots' pages.
local function delete_snapshot(c, s)
  local key = snap_key(c, s.id)
  local before = redis.call('ZREVRANGEBYSCORE', c.P .. 'snaps', '(' .. s.seq, '-inf', 'LIMIT', 0, 1)[1]
  for _, idx in ipairs(redis.call('SMEMBERS', key .. ':s')) do
    local saved = key .. ':' .. idx
    if before and redis.call('SADD', snap_key(c, before) .. ':s', idx) == 1 then
      redis.call('RENAME', saved, snap_key(c, before) .. ':' .. idx)
    else
      if redis.call('STRLEN', saved) > 0 then c.freed, c.smatd = c.freed + 1, c.smatd - 1 end
      redis.call('DEL', saved)
    end
  end
  redis.call('DEL', key, key .. ':s')
  redis.call('ZREM', c.P .. 'snaps', s.id)
  if newest(c) == s.id then
    if before then redis.call('HSET', c.meta, 'snap', before) else redis.call('HDEL', c.meta, 'snap') end
    c.snap = before or false
  end
end

local function sweep_temporary(c, now)
  for _, sid in ipairs(redis.call('ZRANGE', c.P .. 'snaps', 0, -1)) do
    if string.sub(sid, 1, 1) == '~' then
      local expiry = tonumber(redis.call('HGET', snap_key(c, sid), 'expiry') or '0')
      if expiry < now then delete_snapshot(c, snapshot(c, sid)) end
    end
  end
end

-- {0, version, pages, created, freed, then index and holder of each page of s that holds bytes}:
-- the holder is the snapshot whose saved page s shows, or '' for the memory's page (unchanged
-- since). Two snapshots of a memory show the same page where they name the same holder.
local function map(c, s)
  local reply = {0, s.ver, s.pages, s.created, c.freed}
  local found = owners(c, s)
  for i, t in pairs(found) do
    if i < s.pages and redis.call('STRLEN', snap_key(c, t) .. ':' .. i) > 0 then
      reply[#reply + 1], reply[#reply + 2] = i, t
    end
  end
  for _, i in ipairs(present_pages(c)) do
    if i < s.pages and not found[i] then reply[#reply + 1], reply[#reply + 2] = i, '' end
  end
  return reply
end

-- ARGV: sid, created, expiry (0: kept until deleted). Takes a snapshot as of now (after any
-- fence): its map (see map).
register('wm4_snap_take', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local wait = fenced(c)
  if wait then return wait end
  local now = now_ms()
  sweep_temporary(c, now)
  count_pages(c)
  local sid = args[1]
  local seq = redis.call('HINCRBY', c.meta, 'sseq', 1)
  redis.call('HSET', snap_key(c, sid), 'ver', c.ver, 'pages', c.pages, 'created', args[2], 'seq', seq)
  if args[3] ~= '0' then redis.call('HSET', snap_key(c, sid), 'expiry', now + tonumber(args[3])) end
  redis.call('ZADD', c.P .. 'snaps', seq, sid)
  redis.call('HSET', c.meta, 'snap', sid)
  c.snap = sid
  return map(c, snapshot(c, sid))
end)

-- ARGV: sid. The snapshot's map (see map), or NO_SNAPSHOT.
register('wm4_snap_map', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local s = snapshot(c, args[1])
  if not s then return {14} end
  return map(c, s)
end, {'no-writes'})

-- {0, then id, version, pages, created of each snapshot kept until deleted, oldest first}.
register('wm4_snap_list', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local reply = {0}
  for _, sid in ipairs(redis.call('ZRANGE', c.P .. 'snaps', 0, -1)) do
    if string.sub(sid, 1, 1) ~= '~' then
      local s = snapshot(c, sid)
      for _, v in ipairs({sid, s.ver, s.pages, s.created}) do reply[#reply + 1] = v end
    end
  end
  return reply
end, {'no-writes'})

-- ARGV: sid, index... Each page as snapshot sid shows it ('' for zeros), or NO_SNAPSHOT.
register('wm4_snap_pages', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local s = snapshot(c, args[1])
  if not s then return {14} end
  local holders = chain(c, s)
  local reply = {0}
  for k = 2, #args do
    local bytes = nil
    for _, t in ipairs(holders) do
      if redis.call('SISMEMBER', snap_key(c, t) .. ':s', args[k]) == 1 then
        bytes = redis.call('GET', snap_key(c, t) .. ':' .. args[k])
        break
      end
    end
    reply[#reply + 1] = bytes or redis.call('GET', page_key(c, args[k])) or ''
  end
  return reply
end, {'no-writes'})

-- ARGV: sid. Deletes the snapshot: {0, version, 0, freed}, or NO_SNAPSHOT.
register('wm4_snap_delete', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local s = snapshot(c, args[1])
  if not s then return {14} end
  delete_snapshot(c, s)
  sweep_temporary(c, now_ms())
  count_pages(c)
  return {0, c.ver, 0, c.freed}
end)

-- ARGV: expected, token, granted, sid. Makes the memory's bytes and size snapshot sid's, as one
-- mutation (event "restore"): only pages saved from sid on can differ, each is saved (for the
-- newest snapshot) and rewritten.
register('wm4_snap_restore', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  local granted = tonumber(args[3])
  local s = snapshot(c, args[4])
  if not s then return {14} end
  local found, order = owners(c, s)
  local need = 0
  for _, i in ipairs(order) do
    if i < s.pages and redis.call('STRLEN', snap_key(c, found[i]) .. ':' .. i) > 0 then
      if present(c, i) then need = need + cow_cost(c, i) else need = need + 1 end
    end
  end
  if need > granted then return {4, need} end
  for _, i in ipairs(order) do
    local bytes = ''
    if i < s.pages then bytes = redis.call('GET', snap_key(c, found[i]) .. ':' .. i) end
    if #bytes == 0 then drop_page(c, i) else write_chunk(c, i, 0, bytes, true) end
  end
  local previous = c.pages
  redis.call('HSET', c.meta, 'pages', s.pages)
  return commit(c, 'restore', -1, -1, previous, s.pages)
end)

---------------------------------------------------------------------------------------------------
-- Memories: create, touch, grow, read, set, fill, copy, erase, drop.

register('wm4_create', function(keys, args)
  if redis.call('EXISTS', keys[1]) == 1 then return {10} end
  local now = now_ms()
  redis.call('HSET', keys[1], 'init', args[1], 'max', args[2], 'hasmax', args[3], 'pages', args[1],
    'ver', 0, 'mat', 0, 'created', now, 'used', now, 'owner', args[4])
  return {0, now}
end)

register('wm4_touch', function(keys, args)
  if redis.call('EXISTS', keys[1]) == 1 then redis.call('HSET', keys[1], 'used', args[1]) end
  return {0}
end)

-- ARGV: expected, token, granted, pages. Growing by 0 moves nothing, not even the version.
register('wm4_grow', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  local n = tonumber(args[4])
  if n > c.max - c.pages then return {6, c.pages, c.max} end
  if n == 0 then return {0, c.ver, 0, 0, c.pages} end
  redis.call('HSET', c.meta, 'pages', c.pages + n)
  local reply = commit(c, 'grow', -1, -1, c.pages, c.pages + n)
  reply[5] = c.pages
  return reply
end)

-- ARGV: offset, length. {0, version, bytes}: the region as of one instant.
register('wm4_read', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local wait = fenced(c)
  if wait then return wait end
  local offset, length = tonumber(args[1]), tonumber(args[2])
  if not in_bounds(offset, length, c.size) then return {3, 'offset', c.size} end
  local parts = {}
  chunks(offset, length, function(idx, off, n)
    local bytes = redis.call('GETRANGE', page_key(c, idx), off, off + n - 1)
    parts[#parts + 1] = (#bytes == n) and bytes or zeros(n)
  end)
  return {0, c.ver, table.concat(parts)}
end, {'no-writes'})

-- ARGV: expected, token, granted, offset, mode, data, release. A lease holder may release its
-- lease with its last write (release = '1').
register('wm4_set', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  local granted, offset, mode, data = tonumber(args[3]), tonumber(args[4]), tonumber(args[5]), args[6]
  if not in_bounds(offset, #data, c.size) then return {3, 'offset', c.size} end
  local need = 0
  chunks(offset, #data, function(idx, off, n, pos)
    need = need + page_cost(c, idx, n, is_zero(string.sub(data, pos + 1, pos + n)), mode)
  end)
  if need > granted then return {4, need} end
  chunks(offset, #data, function(idx, off, n, pos)
    apply_chunk(c, idx, off, string.sub(data, pos + 1, pos + n), mode)
  end)
  if args[7] == '1' then redis.call('DEL', c.P .. 'lock') end
  return commit(c, 'write', offset, #data)
end)

-- ARGV: expected, token, granted, offset, length, value. memset; a whole page of zeros is dropped.
register('wm4_fill', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  local granted, offset, length, value = tonumber(args[3]), tonumber(args[4]), tonumber(args[5]),
    tonumber(args[6])
  if not in_bounds(offset, length, c.size) then return {3, 'offset', c.size} end
  local need = 0
  chunks(offset, length, function(idx, off, n)
    if not present(c, idx) then
      if value ~= 0 then need = need + 1 end
    elseif value ~= 0 or n < PAGE then
      need = need + cow_cost(c, idx)
    end
  end)
  if need > granted then return {4, need} end
  local full = string.rep(string.char(value), PAGE)
  chunks(offset, length, function(idx, off, n)
    if value == 0 and n == PAGE then
      drop_page(c, idx)
    elseif value ~= 0 or present(c, idx) then
      write_chunk(c, idx, off, (n == PAGE) and full or string.sub(full, 1, n), true)
    end
  end)
  return commit(c, 'write', offset, length)
end)

-- One chunk of a copy within one page on each side: the engine's copyChunk. Zeros over an absent
-- page stay absent; a whole page of them, or of an absent source page, drops the target.
local function copy_chunk(c, s, t, n)
  local sidx, tidx = math.floor(s / PAGE), math.floor(t / PAGE)
  local soff, toff = s - sidx * PAGE, t - tidx * PAGE
  local source = redis.call('GETRANGE', page_key(c, sidx), soff, soff + n - 1)
  local absent_source = #source == 0
  local target_here = present(c, tidx)
  if absent_source or (not target_here and is_zero(source)) then
    if n == PAGE then
      drop_page(c, tidx)
    elseif target_here then
      write_chunk(c, tidx, toff, zeros(n), false)
    end
  else
    write_chunk(c, tidx, toff, source, false)
  end
end

local function overlap(a, b, length)
  if length <= 0 then return false end
  if a < b then return b - a < length end
  return a - b < length
end

-- ARGV: expected, token, granted, source, destination, length, nonOverlapping. memmove.
register('wm4_copy', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  local granted, s, t, length = tonumber(args[3]), tonumber(args[4]), tonumber(args[5]),
    tonumber(args[6])
  if not in_bounds(s, length, c.size) then return {3, 'sourceOffset', c.size} end
  if not in_bounds(t, length, c.size) then return {3, 'destinationOffset', c.size} end
  local overlapping = overlap(s, t, length)
  if args[7] == '1' and overlapping then return {7} end
  -- The engine's bound: an absent target page whose source bytes touch a present page.
  local need = 0
  chunks(t, length, function(idx, off, n, pos)
    local from = s + pos
    if not present(c, idx) and (present(c, math.floor(from / PAGE))
        or present(c, math.floor((from + n - 1) / PAGE))) then
      need = need + 1
    end
    need = need + cow_cost(c, idx)
  end)
  if need > granted then return {4, need} end
  if overlapping and t > s then
    local s_end, t_end, left = s + length, t + length, length
    while left > 0 do
      local s_room = (s_end - 1) % PAGE + 1
      local t_room = (t_end - 1) % PAGE + 1
      local n = math.min(s_room, t_room, left)
      s_end, t_end, left = s_end - n, t_end - n, left - n
      copy_chunk(c, s_end, t_end, n)
    end
  else
    local left = length
    while left > 0 do
      local n = math.min(PAGE - math.max(s % PAGE, t % PAGE), left)
      copy_chunk(c, s, t, n)
      s, t, left = s + n, t + n, left - n
    end
  end
  return commit(c, 'write', tonumber(args[5]), length)
end)

-- Deletes every page that exists, views' copies first where pinned; counts `freed`.
local function drop_all_pages(c)
  local found = present_pages(c)
  if load_pins(c) or newest(c) then
    for _, idx in ipairs(found) do drop_page(c, idx) end
    return
  end
  for i = 1, #found, 1000 do
    local batch = {}
    for j = i, math.min(i + 999, #found) do batch[#batch + 1] = page_key(c, found[j]) end
    local n = redis.call('DEL', unpack(batch))
    c.freed, c.matd = c.freed + n, c.matd - n
  end
  redis.call('DEL', c.P .. 'bits')
end

-- ARGV: expected, token, granted. Every byte zero, every page released, the size kept.
register('wm4_erase', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  drop_all_pages(c)
  return commit(c, 'erase')
end)

-- ARGV: expected, token, granted. Drops the memory and its views' copies: {0, version, 0, freed}.
register('wm4_drop', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  c.pins, c.snap = false, false
  drop_all_pages(c)
  local sids = redis.call('ZRANGE', c.P .. 'snaps', 0, -1)
  for _, sid in ipairs(sids) do c.freed = c.freed + drop_snapshot_keys(c, sid) end
  redis.call('DEL', c.P .. 'snaps')
  for _, member in ipairs(redis.call('ZRANGE', c.P .. 'pins', 0, -1)) do
    local token = string.match(member, '^([^:]+):')
    local set = c.P .. 'cs:' .. token
    for _, idx in ipairs(redis.call('SMEMBERS', set)) do
      redis.call('DEL', c.P .. 'c:' .. token .. ':' .. idx)
    end
    redis.call('DEL', set)
  end
  redis.call('DEL', c.P .. 'pins', c.meta, c.P .. 'lock', c.P .. 'fence', c.P .. 'bits')
  record(c, 'delete', -1, -1, -1, -1, 1)
  redis.call('DEL', c.P .. 'evw')
  local reply = {0, c.ver, 0, c.freed}
  for _, sid in ipairs(sids) do reply[#reply + 1] = sid end
  return reply
end)

---------------------------------------------------------------------------------------------------
-- Views (see "Views" above). A view's member is "token:first:last:death".

-- ARGV: token, ttl, lifetime, offset, length (-1: to the end). Pins the region's pages for ttl
-- (refreshed by reads) and at most lifetime, both on this server's clock:
-- {0, version, size, member, length} (member '' when the region is empty: nothing to pin).
register('wm4_view_open', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local wait = fenced(c)
  if wait then return wait end
  local offset, length = tonumber(args[4]), tonumber(args[5])
  if length == -1 then length = math.max(0, c.size - offset) end
  if not in_bounds(offset, length, c.size) then return {3, 'offset', c.size} end
  local member = ''
  if length > 0 then
    local now = now_ms()
    member = args[1] .. ':' .. math.floor(offset / PAGE) .. ':' .. math.floor((offset + length - 1) / PAGE)
      .. ':' .. string.format('%d', now + tonumber(args[3]))
    redis.call('ZADD', c.P .. 'pins', now + tonumber(args[2]), member)
  end
  return {0, c.ver, c.size, member, length}
end)

-- ARGV: member, ttl, index... The pages as the view shows them ('' for zeros); refreshes the pin.
register('wm4_view_read', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local member = args[1]
  local now = now_ms()
  local deadline = redis.call('ZSCORE', c.P .. 'pins', member)
  local token, death = string.match(member, '^([^:]+):%d+:%d+:(%d+)$')
  if not deadline or tonumber(deadline) < now or tonumber(death) < now then return {9} end
  redis.call('ZADD', c.P .. 'pins', 'XX', math.min(now + tonumber(args[2]), tonumber(death)), member)
  local reply = {0}
  for i = 3, #args do
    local copy = redis.call('GET', c.P .. 'c:' .. token .. ':' .. args[i])
    if not copy then copy = redis.call('GET', page_key(c, args[i])) or '' end
    reply[#reply + 1] = copy
  end
  return reply
end)

-- ARGV: member. Unpins the view and deletes what writers copied aside for it.
register('wm4_view_close', function(keys, args)
  local P = string.sub(keys[1], 1, -2)
  local token = string.match(args[1], '^([^:]+):')
  redis.call('ZREM', P .. 'pins', args[1])
  local set = P .. 'cs:' .. token
  for _, idx in ipairs(redis.call('SMEMBERS', set)) do redis.call('DEL', P .. 'c:' .. token .. ':' .. idx) end
  redis.call('DEL', set)
  return {0}
end)

---------------------------------------------------------------------------------------------------
--[[
Streamed writes. The client stages the bytes outside any lock, page by page, in
P.."s:"..token..":"..i (same slot, with a TTL): a whole page of zeros as '', other chunks as their
bytes (n bytes for a partial page). Then one call of wm4_commit validates and applies all of it: it
fails, changing nothing, if any staged key is gone (expired: STAGING). Whole pages are RENAMEd into
place (O(1), no copy; PERSIST drops the staging TTL), partial pages written. A client that goes away
before committing leaves only staging keys, which expire.
]]
-- ARGV: expected, token, granted, offset, length, staging token, mode, release.
register('wm4_commit', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  local granted, offset, length, staging, mode = tonumber(args[3]), tonumber(args[4]),
    tonumber(args[5]), c.P .. 's:' .. args[6] .. ':', tonumber(args[7])
  if not in_bounds(offset, length, c.size) then return {3, 'offset', c.size} end
  local need, missing = 0, false
  chunks(offset, length, function(idx, off, n)
    local len = redis.call('STRLEN', staging .. idx)
    if len == 0 and redis.call('EXISTS', staging .. idx) == 0 then missing = true end
    if len ~= 0 and len ~= n then missing = true end
    local zero = len == 0 or (n < PAGE and is_zero(redis.call('GET', staging .. idx)))
    need = need + page_cost(c, idx, n, zero, mode)
  end)
  if missing then return {8} end
  if need > granted then return {4, need} end
  chunks(offset, length, function(idx, off, n)
    local key = staging .. idx
    if n == PAGE and redis.call('STRLEN', key) == PAGE then
      install_page(c, idx, key)
    else
      local data = redis.call('GET', key)
      if #data == 0 then data = zeros(n) end
      apply_chunk(c, idx, off, data, mode)
      redis.call('DEL', key)
    end
  end)
  if args[8] == '1' then redis.call('DEL', c.P .. 'lock') end
  return commit(c, 'write', offset, length)
end)

---------------------------------------------------------------------------------------------------
--[[
Leases (MemoryLease.java). A lease is P.."lock" holding the holder's token with a TTL; every
mutation of another client answers LOCKED while it exists and waits. Reads do not wait: a lease
holder commits its writes in one call at the end, so a reader sees the memory before or after.
  transfer between memories in different slots: lease both (no waiting while holding one), read
    the source, write the destination with its lease token, release both. The source cannot change
    between the read and the write, so the transfer takes effect at one instant: the write.
  exclusive access and mutable direct access: lease, run against pages held locally, commit the
    dirty pages and the version in one call (wm4_set or wm4_commit with the token), release.
  exclusive access to several memories at once (a WebAssembly call on several): lease them one by
    one in id order, waiting for each while holding the earlier ones (no deadlock: every such
    holder takes them in that order and a transfer never waits while it holds a lease), run, then
    commit. The memories live in different slots, so no one call can commit them all: the holder
    first fences every written memory but the first (wm4_fence), then commits the first, then the
    others, each commit ending its fence. A read without a lease (wm4_read, wm4_view_open,
    wm4_info) of a fenced memory waits, so a reader that saw one memory's new state sees the
    others' too: the action takes effect at the first commit, on all of them.
A holder that dies leaves a lease that expires; what it had not committed is lost whole. A holder
of several that dies between its commits leaves those done and loses the rest (fences expire).
]]
-- ARGV: token, ttl, offset, length, renew, bitmap. Takes the lease, or with renew = '1' extends it
-- (LEASE_LOST if the token no longer holds it: someone may have written since):
-- {0, version, pages, mat, bytes, bitmap} where bytes is the region [offset, offset + length) when
-- it is in bounds (length >= 0), and bitmap which pages exist (with bitmap = '1').
register('wm4_lease', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local key = c.P .. 'lock'
  local holder = redis.call('GET', key)
  if args[5] == '1' and holder ~= args[1] then return {11} end
  if holder and holder ~= args[1] then return {5, redis.call('PTTL', key)} end
  redis.call('SET', key, args[1], 'PX', args[2])
  local offset, length = tonumber(args[3]), tonumber(args[4])
  local bytes = false
  if length >= 0 and in_bounds(offset, length, c.size) then
    local parts = {}
    chunks(offset, length, function(idx, off, n)
      local got = redis.call('GETRANGE', page_key(c, idx), off, off + n - 1)
      parts[#parts + 1] = (#got == n) and got or zeros(n)
    end)
    bytes = table.concat(parts)
  end
  local bitmap = false
  if args[6] == '1' then bitmap = redis.call('GET', c.P .. 'bits') or '' end
  return {0, c.ver, c.pages, c.mat, bytes, bitmap}
end)

-- ARGV: token. Ends the lease (and its fence) if this token still holds it.
register('wm4_unlease', function(keys, args)
  local P = string.sub(keys[1], 1, -2)
  if redis.call('GET', P .. 'lock') == args[1] then redis.call('DEL', P .. 'lock', P .. 'fence') end
  return {0}
end)

-- ARGV: token, ttl. The lease holder fences the memory before a commit of several: reads without
-- a lease wait until the holder's wm4_apply (or unlease) ends it. {0}, or LEASE_LOST.
register('wm4_fence', function(keys, args)
  local P = string.sub(keys[1], 1, -2)
  if redis.call('GET', P .. 'lock') ~= args[1] then return {11} end
  redis.call('SET', P .. 'fence', args[1], 'PX', args[2])
  return {0}
end)

-- {0, version, pages, mat}: the memory's version and sizes at one instant (waits on a fence).
register('wm4_info', function(keys, args)
  local c = open(keys)
  if not c then return {1} end
  local wait = fenced(c)
  if wait then return wait end
  return {0, c.ver, c.pages, c.mat}
end, {'no-writes'})

--[[
Commits what a lease holder changed in pages it held locally (an exclusive action, mutable direct
access): ARGV expected, token, granted, pages, erased, release, then operations, each
  'w', index, offset, bytes   bytes written at offset of page index (the page exists afterwards)
  'd', index                  page index dropped (it held only zeros)
  's', index, staging token   page index replaced by the staged whole page (large commits)
applied in order after the memory is grown to `pages` (and erased first when `erased` is '1').
]]
register('wm4_apply', function(keys, args)
  local c, refused = begin(keys, tonumber(args[1]), args[2])
  if not c then return refused end
  local granted, pages, erased = tonumber(args[3]), tonumber(args[4]), args[5] == '1'
  if pages > c.max or pages < c.pages then return {6, c.pages, c.max} end
  local need, missing, seen = 0, false, {}
  local i = 7
  while i <= #args do
    local op, idx = args[i], tonumber(args[i + 1])
    if op ~= 'd' and not seen[idx] then
      if erased or not present(c, idx) then need = need + 1 else need = need + cow_cost(c, idx) end
    end
    if op == 's' and redis.call('STRLEN', c.P .. 's:' .. args[i + 2] .. ':' .. idx) ~= PAGE then
      missing = true
    end
    seen[idx] = true
    i = i + ((op == 'w') and 4 or ((op == 's') and 3 or 2))
  end
  if missing then return {8} end
  if need > granted then return {4, need} end
  local previous = c.pages
  if pages > c.pages then redis.call('HSET', c.meta, 'pages', pages) end
  if erased then drop_all_pages(c) end
  -- The change recorded: the smallest range that covers every byte changed.
  local first, last = erased and 0 or nil, erased and pages * PAGE or nil
  local function changed(from, to)
    if not first or from < first then first = from end
    if not last or to > last then last = to end
  end
  i = 7
  while i <= #args do
    local op, idx = args[i], tonumber(args[i + 1])
    if op == 'w' then
      changed(idx * PAGE + tonumber(args[i + 2]), idx * PAGE + tonumber(args[i + 2]) + #args[i + 3])
    else
      changed(idx * PAGE, (idx + 1) * PAGE)
    end
    if op == 'w' then
      write_chunk(c, idx, tonumber(args[i + 2]), args[i + 3], true)
      i = i + 4
    elseif op == 'd' then
      drop_page(c, idx)
      i = i + 2
    else
      install_page(c, idx, c.P .. 's:' .. args[i + 2] .. ':' .. idx)
      i = i + 3
    end
  end
  if args[6] == '1' then redis.call('DEL', c.P .. 'lock', c.P .. 'fence') end
  local grown_from, grown_to = -1, -1
  if pages > previous then grown_from, grown_to = previous, pages end
  if not first and grown_from >= 0 then return commit(c, 'grow', -1, -1, grown_from, grown_to) end
  return commit(c, 'write', first or 0, first and (last - first) or 0, grown_from, grown_to)
end)

-- ARGV: after, count, history, retention. Subscribers' poll (see "Live changes"): keeps P.."evw"
-- (so commits record their changes) and answers, as of one instant, {0, version (-1: the memory
-- is gone), then id, kind, offset, length, previous, current of each change after version `after`}.
register('wm4_events', function(keys, args)
  local P = string.sub(keys[1], 1, -2)
  local ver = redis.call('HGET', keys[1], 'ver')
  if ver then
    redis.call('SET', P .. 'evw', args[3], 'PX', args[4])
    if redis.call('EXISTS', P .. 'ev') == 1 then redis.call('PEXPIRE', P .. 'ev', args[4]) end
  end
  local reply = {0, ver and tonumber(ver) or -1}
  local entries = redis.call('XRANGE', P .. 'ev', '(' .. args[1] .. '-0', '+', 'COUNT', args[2])
  for _, entry in ipairs(entries) do
    local f = {}
    for j = 1, #entry[2], 2 do f[entry[2][j]] = entry[2][j + 1] end
    for _, v in ipairs({entry[1], f.k, f.o, f.l, f.p, f.n}) do reply[#reply + 1] = v end
  end
  return reply
end)

---------------------------------------------------------------------------------------------------
-- The index of memories (KEYS[1] = "wms:{index}"): a zset in creation order, for list and count.

register('wm4_index_add', function(keys, args)
  local seq = redis.call('INCR', keys[1] .. ':seq')
  redis.call('ZADD', keys[1], seq, args[1])
  return {0, seq}
end)

---------------------------------------------------------------------------------------------------
--[[
The global budget (KEYS[1] = "wms:{budget}", a hash: limit, used, gen; KEYS[1]..":pools", replica ->
pages leased for operations in flight; KEYS[1]..":alive", replica -> heartbeat deadline; and
KEYS[1]..":recon", the running reconciliation). ClusterBudget.java and BudgetReconciler.java have the
protocol; in short:
  used >= pages stored in all memories + pages leased for operations in flight, and used <= limit.
  lease:   used += n only if used + n <= limit; pools[replica] += n.
  settle:  an operation finished: pools[replica] -= acquired; its unused pages go back at once;
           pages it freed go back only if no reconciliation started since the caller's stamp (the
           gen it saw before its script ran), else they stay counted until the next one.
  reconcile: gen becomes odd, the pools of live replicas and what is leased meanwhile are counted,
           the memories' materialised counts summed, then used = sum + those, gen even again.
]]

local function budget_gen(keys) return tonumber(redis.call('HGET', keys[1], 'gen') or '0') end

-- ARGV: limit. Sets the limit (every replica is configured alike; the last to start wins).
register('wm4_budget_init', function(keys, args)
  redis.call('HSET', keys[1], 'limit', args[1])
  local fresh = redis.call('HSETNX', keys[1], 'used', 0)
  redis.call('HSETNX', keys[1], 'gen', 0)
  return {0, fresh, budget_gen(keys)}
end)

-- ARGV: replica, pages. {0, gen} or {4, available}.
register('wm4_budget_lease', function(keys, args)
  local b = redis.call('HMGET', keys[1], 'limit', 'used', 'gen')
  local limit, used, gen, n = tonumber(b[1]), tonumber(b[2]), tonumber(b[3]), tonumber(args[2])
  if n > limit - used then return {4, math.max(0, limit - used)} end
  redis.call('HINCRBY', keys[1], 'used', n)
  redis.call('HINCRBY', keys[1] .. ':pools', args[1], n)
  if gen % 2 == 1 then redis.call('HINCRBY', keys[1] .. ':recon', 'leased', n) end
  return {0, gen}
end)

-- ARGV: replica, acquired, unused, freed, stamp. {0, gen}.
register('wm4_budget_settle', function(keys, args)
  local gen = budget_gen(keys)
  local pools = keys[1] .. ':pools'
  local acquired = tonumber(args[2])
  if acquired > 0 and redis.call('HINCRBY', pools, args[1], 0 - acquired) <= 0 then
    redis.call('HDEL', pools, args[1])
  end
  local back = tonumber(args[3])
  if tonumber(args[5]) == gen and gen % 2 == 0 then back = back + tonumber(args[4]) end
  if back > 0 then
    local used = redis.call('HINCRBY', keys[1], 'used', -back)
    if used < 0 then redis.call('HSET', keys[1], 'used', 0) end
  end
  return {0, gen}
end)

-- ARGV: replica, ttl. The replica is alive until now + ttl: {0, gen, limit, used, sum of pools}.
register('wm4_budget_alive', function(keys, args)
  redis.call('ZADD', keys[1] .. ':alive', now_ms() + tonumber(args[2]), args[1])
  local b = redis.call('HMGET', keys[1], 'gen', 'limit', 'used')
  local pooled = 0
  local pools = redis.call('HGETALL', keys[1] .. ':pools')
  for i = 2, #pools, 2 do pooled = pooled + tonumber(pools[i]) end
  return {0, tonumber(b[1] or '0'), tonumber(b[2] or '0'), tonumber(b[3] or '0'), pooled}
end)

-- ARGV: replica, ttl. Starts a reconciliation unless one runs: {0, gen, dead pools dropped} or {5}.
register('wm4_budget_recon_begin', function(keys, args)
  local recon = keys[1] .. ':recon'
  local owner = redis.call('HGET', recon, 'owner')
  local now = now_ms()
  if owner and tonumber(redis.call('HGET', recon, 'deadline')) >= now then return {5} end
  local alive, pools = keys[1] .. ':alive', keys[1] .. ':pools'
  redis.call('ZREMRANGEBYSCORE', alive, '-inf', '(' .. now)
  local inflight, dropped = 0, 0
  local entries = redis.call('HGETALL', pools)
  for i = 1, #entries, 2 do
    if redis.call('ZSCORE', alive, entries[i]) then
      inflight = inflight + tonumber(entries[i + 1])
    else
      redis.call('HDEL', pools, entries[i])
      dropped = dropped + 1
    end
  end
  local gen = budget_gen(keys)
  gen = gen + ((gen % 2 == 0) and 1 or 2)
  redis.call('HSET', keys[1], 'gen', gen)
  redis.call('DEL', recon)
  redis.call('HSET', recon, 'owner', args[1], 'deadline', now + tonumber(args[2]), 'gen', gen,
    'inflight', inflight, 'leased', 0)
  return {0, gen, dropped}
end)

-- ARGV: replica, gen, stored pages summed over the memories. {0, used} or {5} when superseded.
register('wm4_budget_recon_end', function(keys, args)
  local recon = keys[1] .. ':recon'
  local r = redis.call('HMGET', recon, 'owner', 'gen', 'inflight', 'leased')
  if r[1] ~= args[1] or r[2] ~= args[2] or budget_gen(keys) ~= tonumber(args[2]) then return {5} end
  local used = tonumber(args[3]) + tonumber(r[3]) + tonumber(r[4])
  redis.call('HSET', keys[1], 'used', used, 'gen', tonumber(args[2]) + 1)
  redis.call('DEL', recon)
  return {0, used}
end)

---------------------------------------------------------------------------------------------------
-- Owners (KEYS[1] = "wms:{index}"): how many memories each owner holds, the hash KEYS[1]..":owners"
-- (in the index's slot), kept by create and drop whether or not a quota is set.

-- ARGV: owner, max (-1: no limit). Counts one more memory of the owner: {0, held} or {12, held}.
register('wm4_owner_reserve', function(keys, args)
  local owners = keys[1] .. ':owners'
  local held = tonumber(redis.call('HGET', owners, args[1]) or '0')
  local max = tonumber(args[2])
  if max >= 0 and held >= max then return {12, held} end
  return {0, redis.call('HINCRBY', owners, args[1], 1)}
end)

-- ARGV: owner. One memory of the owner fewer.
register('wm4_owner_release', function(keys, args)
  local owners = keys[1] .. ':owners'
  if redis.call('HINCRBY', owners, args[1], -1) <= 0 then redis.call('HDEL', owners, args[1]) end
  return {0}
end)

-- ARGV: pages. Counts pages stored before the budget existed (an owner's, the first time a quota
-- is set): {0, used}.
register('wm4_budget_add', function(keys, args)
  return {0, redis.call('HINCRBY', keys[1], 'used', tonumber(args[1]))}
end)

---------------------------------------------------------------------------------------------------
-- Rate limits (KEYS[1] = "wms:rate:{<who>}", a hash: units, at): a token bucket shared by every
-- replica, on the server's clock. Counted in units of 1/period of a token, so that the arithmetic is
-- on whole numbers: the bucket holds capacity * period units and gains capacity units a millisecond;
-- a request takes period units. A full bucket is no key at all (it expires once refilled).

-- ARGV: capacity, period (ms). {0} admitted, or {13, ms until a token is there}.
register('wm4_rate_take', function(keys, args)
  local capacity, period = tonumber(args[1]), tonumber(args[2])
  local full = capacity * period
  local now = now_ms()
  local b = redis.call('HMGET', keys[1], 'units', 'at')
  local units = full
  if b[1] then units = math.min(full, tonumber(b[1]) + (now - tonumber(b[2])) * capacity) end
  if units < period then
    return {13, math.ceil((period - units) / capacity)}
  end
  redis.call('HSET', keys[1], 'units', units - period, 'at', now)
  redis.call('PEXPIRE', keys[1], math.ceil((full - units + period) / capacity) + 1)
  return {0}
end)
