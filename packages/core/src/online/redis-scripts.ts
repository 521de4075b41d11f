/**
 * Lua for the Redis online store. Newer-or-equal-wins must be atomic (a reader-then-writer pair
 * of commands could interleave with another writer), so the comparison runs inside Redis.
 * One call carries a chunk of rows (KEYS = entity hashes) to amortize the per-command cost.
 */

/** ARGV: tsField, valuesField, then (eventTs, values) per key. Returns the number of rows written. */
export const WRITE_ROWS_LUA = `
local tsField = ARGV[1]
local valuesField = ARGV[2]
local written = 0
for i = 1, #KEYS do
  local ts = ARGV[2 * i + 1]
  local current = redis.call('HGET', KEYS[i], tsField)
  if (not current) or tonumber(current) <= tonumber(ts) then
    redis.call('HSET', KEYS[i], tsField, ts, valuesField, ARGV[2 * i + 2])
    written = written + 1
  end
end
return written
`;

/** KEYS[1] = the project's meta hash; ARGV: view, eventTs. Keeps the max. */
export const BUMP_NEWEST_LUA = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if (not current) or tonumber(current) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return 1
`;
