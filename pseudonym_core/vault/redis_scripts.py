"""The Lua scripts of the Redis vault: each write is one script, which Redis runs atomically.

Keys of one session (all named by the keyed hash of its id, see vault/keyring.py):
  M  hash   meta (sealed), seq (the change counter), ttl (ms, optional)
  O  hash   okey -> sealed mapping record            (unique original per session)
  S  hash   skey -> okey                             (unique surrogate per session)
  F  list   entry i = the okeys written by write i+1, 16 bytes each (the change feed)
  X  hash   seq -> sealed text-word hashes and lower-case forms of that write
plus the vault's header hash V (key id checked by every write) and the set of session names.
Every script checks everything before it writes anything, so a refused write leaves no trace.
"""

from __future__ import annotations

_KID_AND_SEQ = """
if redis.call('HGET', KEYS[1], 'kid') ~= ARGV[1] then return {-2} end
local seq = redis.call('HGET', KEYS[2], 'seq')
if not seq then return {-3} end
seq = tonumber(seq)
"""

# KEYS[2..6] of a session get the session's ttl again after every write (a sliding expiry).
_TOUCH = """
local ttl = redis.call('HGET', KEYS[2], 'ttl')
if ttl then for k = 2, 6 do redis.call('PEXPIRE', KEYS[k], ttl) end end
"""

INIT = """
-- KEYS: V ; ARGV: the header's fields and values.  Returns the header that is stored.
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return redis.call('HGETALL', KEYS[1])
"""

CREATE = """
-- KEYS: V M O S F X names ; ARGV: kid, name, meta, ttl_ms or '', first counter
if redis.call('HGET', KEYS[1], 'kid') ~= ARGV[1] then return -2 end
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('DEL', KEYS[3], KEYS[4], KEYS[5], KEYS[6])
redis.call('HSET', KEYS[2], 'meta', ARGV[3], 'seq', ARGV[5], 'base', ARGV[5])
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[2], 'ttl', ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
redis.call('SADD', KEYS[7], ARGV[2])
return 1
"""

COMMIT = (
    """
-- KEYS: V M O S F X ; ARGV: kid, cursor, extras or '', n, then n times okey, skey, payload
"""
    + _KID_AND_SEQ
    + """
if seq ~= tonumber(ARGV[2]) then return {-1} end
local n = tonumber(ARGV[4])
for i = 0, n - 1 do
  if redis.call('HEXISTS', KEYS[3], ARGV[5 + 3 * i]) == 1 or redis.call('HEXISTS', KEYS[4], ARGV[6 + 3 * i]) == 1 then
    return {-4}
  end
end
local okeys = {}
for i = 0, n - 1 do
  redis.call('HSET', KEYS[3], ARGV[5 + 3 * i], ARGV[7 + 3 * i])
  redis.call('HSET', KEYS[4], ARGV[6 + 3 * i], ARGV[5 + 3 * i])
  okeys[#okeys + 1] = ARGV[5 + 3 * i]
end
seq = seq + 1
redis.call('RPUSH', KEYS[5], table.concat(okeys))
if ARGV[3] ~= '' then redis.call('HSET', KEYS[6], seq, ARGV[3]) end
redis.call('HSET', KEYS[2], 'seq', seq)
"""
    + _TOUCH
    + """
return {seq}
"""
)

GET_OR_CREATE = (
    """
-- KEYS: V M O S F X ; ARGV: kid, okey, skey, payload
"""
    + _KID_AND_SEQ
    + """
local winner = redis.call('HGET', KEYS[3], ARGV[2])
if winner then return {1, winner} end
if redis.call('HEXISTS', KEYS[4], ARGV[3]) == 1 then return {2} end
redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
redis.call('HSET', KEYS[4], ARGV[3], ARGV[2])
redis.call('RPUSH', KEYS[5], ARGV[2])
redis.call('HSET', KEYS[2], 'seq', seq + 1)
"""
    + _TOUCH
    + """
return {0}
"""
)

CHANGES = """
-- KEYS: M O F X ; ARGV: cursor.  Returns false when the session is gone, else {seq, payloads, extras}.
local seq = redis.call('HGET', KEYS[1], 'seq')
if not seq then return false end
seq = tonumber(seq)
local base = tonumber(redis.call('HGET', KEYS[1], 'base'))
local cursor = tonumber(ARGV[1])
if cursor < base or cursor > seq then return false end  -- a cursor of an earlier session of that id
if seq == cursor then return {seq, {}, {}} end
local okeys = {}
for _, entry in ipairs(redis.call('LRANGE', KEYS[3], cursor - base, seq - base - 1)) do
  for j = 1, #entry, 16 do okeys[#okeys + 1] = string.sub(entry, j, j + 15) end
end
local payloads = {}
for i = 1, #okeys, 1000 do
  local part = redis.call('HMGET', KEYS[2], unpack(okeys, i, math.min(i + 999, #okeys)))
  for _, p in ipairs(part) do
    if not p then return false end  -- expiring right now: the session is gone
    payloads[#payloads + 1] = p
  end
end
local fields = {}
for s = cursor + 1, seq do fields[#fields + 1] = tostring(s) end
local extras = {}
for i = 1, #fields, 1000 do
  for _, x in ipairs(redis.call('HMGET', KEYS[4], unpack(fields, i, math.min(i + 999, #fields)))) do
    if x then extras[#extras + 1] = x end
  end
end
return {seq, payloads, extras}
"""

FORGET = """
-- KEYS: M O S F X names ; ARGV: name.  Returns how many mappings were erased.
local count = redis.call('HLEN', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
redis.call('SREM', KEYS[6], ARGV[1])
return count
"""

SET_TTL = """
-- KEYS: M O S F X ; ARGV: ttl_ms or ''
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == '' then
  redis.call('HDEL', KEYS[1], 'ttl')
  for k = 1, 5 do redis.call('PERSIST', KEYS[k]) end
else
  redis.call('HSET', KEYS[1], 'ttl', ARGV[1])
  for k = 1, 5 do redis.call('PEXPIRE', KEYS[k], ARGV[1]) end
end
return 1
"""
